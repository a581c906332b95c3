"""Tests for speaker names (analysis.quotes.speakers)."""

from __future__ import annotations

from analysis.names import first_name_genders
from analysis.quotes.speakers import SpeakerResolver, canonical_person_names


def test_canonical_person_names_merges_aliases(nlp):
    doc = nlp("Russian President Vladimir Putin spoke. Putin said he was tired.")
    names = canonical_person_names(doc)
    assert names.get("Putin") == "Vladimir Putin"


def test_first_name_gazetteer_is_shipped_with_confident_names_only():
    genders = first_name_genders()
    assert genders["vladimir"] == "m" and genders["angela"] == "f" and genders["hillary"] == "f"
    assert "jean" not in genders  # borne by women and men alike


# --- Speakers are sources (issue #15): canonical names, unnamed sources, no junk -------------

import pytest  # noqa: E402

from analysis.quotes.extract import extract_quotes  # noqa: E402

#: (text, content the quote starts with, canonical speaker, speaker description)
SPEAKER_CASES = [
    ("A spokesman for the Kremlin said that the talks had failed.", "the talks", None,
     "A spokesman for the Kremlin"),
    ("A spokesman for President Vladimir Putin said the talks had failed.", "the talks", None,
     "A spokesman for President Vladimir Putin"),
    ("An aide to Chancellor Olaf Scholz said the plan was dead.", "the plan", None,
     "An aide to Chancellor Olaf Scholz"),
    ("A senior adviser to Russian President Vladimir Putin accused the US of meddling.", "the US", None,
     "A senior adviser to Russian President Vladimir Putin"),
    ("Officials said the border would stay closed.", "the border", None, "Officials"),
    ("Analysts said the currency would fall further.", "the currency", None, "Analysts"),
    ("Our correspondent says the mood in the capital is tense.", "the mood", None, "Our correspondent"),
    ("Sources close to the prime minister said he would resign.", "he would", None,
     "Sources close to the prime minister"),
    # a title resolves only to a person given that title: Tusk is no attorney general
    ("Polish Prime Minister Donald Tusk spoke in Warsaw. PM Tusk's remarks come after Ukraine's attorney general "
     "confirmed that three people had died.", "three people", None, "Ukraine's attorney general"),
    ("Tony Blair's official spokesman said the plans were under review.", "the plans", None,
     "Tony Blair's official spokesman"),
    ("The study found that most firms paid no tax.", "most firms", None, "The study"),
    ("A total of 244 lawmakers said the law was needed.", "the law", None, "A total of 244 lawmakers"),
    ("Russian President Vladimir Putin said the sanctions had failed.", "the sanctions", "Vladimir Putin", None),
    ("Commission for Racial Equality chairman Trevor Phillips said the debate was welcome.", "the debate",
     "Trevor Phillips", None),
    ("Prime Minister Gro Harlem Brundtland of Norway said aid must rise.", "aid must", "Gro Harlem Brundtland", None),
    # A seat of power speaks for its country's government (rules/quotes/government_seats.tsv).
    ("The Kremlin said that the talks had failed.", "the talks", "Russia", None),
    ("The German government said that talks would resume.", "talks would", "German government", None),
    ("A party of councillors from Nottingham said the plan was wrong.", "the plan", None,
     "A party of councillors from Nottingham"),
    ("A Greenpeace release said that the rules would be weakened.", "the rules", "Greenpeace", None),
    ('"They should leave the centre of town and not go near the windows," Interfax news agency quoted Arsen '
     'Avakov as saying.', "They should leave", "Arsen Avakov", None),
    # a ministry every state has: named with the country the article gives it, else as written (session 13)
    ('"The moving of units is continuing," Interfax quoted a defence ministry statement as saying.',
     "The moving", "defence ministry", None),
    ('Russia\'s defence ministry denied it. "The moving of units is continuing," Interfax quoted a defence ministry '
     'statement as saying.', "The moving", "Russian defence ministry", None),
    ('"We will win," the agency quoted a military spokesman as saying.', "We will win", None, "a military spokesman"),
]


@pytest.mark.parametrize(("text", "content", "speaker", "description"), SPEAKER_CASES,
                         ids=[case[0][:40] for case in SPEAKER_CASES])
def test_speaker_is_a_named_source_or_null(nlp, text, content, speaker, description):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.removeprefix("that ").startswith(content)]
    assert len(quotes) == 1, [(q.text, q.speaker) for q in extract_quotes(nlp(text))]
    assert (quotes[0].speaker, quotes[0].speaker_description) == (speaker, description)


#: (text, content the quote starts with, canonical speaker): pronouns and descriptions
#: resolve to the right person, the source of the previous statement first.
RESOLUTION_CASES = [
    ("Prince Charles compared the annexation to the acts of Hitler, according to Vladimir Putin's critics. "
     "Putin said Russia had acted lawfully. During a trip to Canada, the 65-year-old prince said that "
     "the comparison was fair.", "the comparison", "Charles"),
    ("Angela Merkel met Vladimir Putin in Berlin. Merkel said the talks were open. "
     "She said that sanctions would remain.", "sanctions", "Angela Merkel"),
    ("Gordon Brown spoke in Gateshead. Oliver Letwin, the shadow chancellor, was absent. "
     "Mr Brown said the economy was strong. The chancellor said that growth would continue.",
     "growth", "Gordon Brown"),
    ("Cardinal Cormac Murphy-O'Connor spoke on Friday. The cardinal said that peace was possible.",
     "peace", "Cormac Murphy-O'Connor"),
    ("Boris Johnson said the vote was lost. He added that he would stay.", "he would", "Boris Johnson"),
    ("The minister, Arsen Avakov, said that the operation would continue.", "the operation", "Arsen Avakov"),
    ("Viktor Yanukovych is due to meet Mr Putin on Friday. He held talks in Kiev on Thursday, at which he "
     "said he favoured dialogue.", "he favoured", "Viktor Yanukovych"),
    ("A new book about the chancellor was published. The book by journalist Robert Peston is serialised. "
     "The book says that the two men fell out.", "the two men", "Robert Peston"),
    ("The report was welcomed by shadow pensions secretary David Willetts. \"The voters must be heard, "
     "they never liked Blair's Britain,\" he said.", "The voters", "David Willetts"),
    # "he" after the previous statement's "the Cardinal", with another man named more recently before that
    ("Cardinal Cormac Murphy-O'Connor spoke. Dr Rowan Williams has criticised the government over the war. "
     "On Friday, the Cardinal will ask the congregation to search for peace. \"It is possible, it is real, "
     "it is worth striving for,\" he will say.", "It is possible", "Cormac Murphy-O'Connor"),
]


@pytest.mark.parametrize(("text", "content", "speaker"), RESOLUTION_CASES,
                         ids=[case[1] for case in RESOLUTION_CASES])
def test_pronouns_and_descriptions_resolve_to_the_person(nlp, text, content, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.removeprefix("that ").startswith(content)]
    assert len(quotes) == 1, [(q.text, q.speaker) for q in extract_quotes(nlp(text))]
    assert quotes[0].speaker == speaker


#: Mentions that must never become a speaker name: numbers, dates, clauses, common nouns.
JUNK_CASES = [
    "11% said that the union should be closer.",
    "On Wednesday, 70 percent said they would vote.",
    "The directive establishes that checkpoints will open.",
    "Video showed that the soldiers had left.",
    "The two speakers discussed whether the opposition leaders should join the government.",
]


@pytest.mark.parametrize("text", JUNK_CASES)
def test_no_junk_speakers(nlp, text):
    for quote in extract_quotes(nlp(text)):
        assert quote.speaker is None, (quote.text, quote.speaker)


def test_unnamed_source_keeps_no_description_when_named(nlp):
    (quote,) = extract_quotes(nlp("The Kremlin's spokesman, Dmitry Peskov, said the talks had failed."))
    assert quote.speaker == "Dmitry Peskov" and quote.speaker_description is None


#: After an unnamed source, "he" or "it" is that source when nobody is named in between.
UNNAMED_PRONOUN_CASES = [
    ("Tony Blair spoke in London. A Liberal Democrat spokesman said the report was serious. "
     "He said that the party would act.", "the party", "A Liberal Democrat spokesman"),
    ("The campaign is led by veterans. The group said it had 350 volunteers. "
     "It added that more candidates would follow.", "more candidates", "The group"),
]


@pytest.mark.parametrize(("text", "content", "description"), UNNAMED_PRONOUN_CASES,
                         ids=[case[1] for case in UNNAMED_PRONOUN_CASES])
def test_pronoun_after_an_unnamed_source_is_that_source(nlp, text, content, description):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.removeprefix("that ").startswith(content)]
    assert len(quotes) == 1, [(q.text, q.speaker) for q in extract_quotes(nlp(text))]
    assert (quotes[0].speaker, quotes[0].speaker_description) == (None, description)


@pytest.mark.parametrize("text", [
    "Ukrainians said that visas should be abolished.",
    "The United States, Japan, Canada and France said that aid would rise.",
])
def test_peoples_and_lists_of_countries_are_no_one_source(nlp, text):
    (quote,) = extract_quotes(nlp(text))
    assert quote.speaker is None and quote.speaker_description



@pytest.mark.parametrize("text", [
    "Ukraine crisis: Putin adviser accuses US of meddling\n\nThe adviser spoke on Thursday.",
    "Video: Soldiers take cover in a field near the town\n\nThe town was calm on Sunday.",
])
def test_a_headline_label_that_names_nobody_is_no_statement(nlp, text):
    first_line = text.split("\n")[0].split(": ", 1)[1]
    assert not [q for q in extract_quotes(nlp(text)) if q.text == first_line]


def test_a_headline_naming_its_speaker_stays(nlp):
    (quote, *_) = extract_quotes(nlp("Putin: Russia has no imperial ambitions\n\nHe spoke in St Petersburg."))
    assert (quote.text, quote.speaker) == ("Russia has no imperial ambitions", "Putin")


def test_an_act_in_a_relative_clause_is_no_statement(nlp):
    quotes = extract_quotes(nlp("The rebels began a war in 1980 which has claimed more than 10,000 lives."))
    assert not [q for q in quotes if q.text == "more than 10,000 lives"]


@pytest.mark.parametrize(("text", "mention", "speaker"), [
    ("Ukraine Passes Law On Russia Sanctions, Gas Pipelines\n\nUkraine's parliament has passed a law.",
     "Ukraine's parliament", "Ukraine's parliament"),
    ("The German government met on Monday.", "The German government", "German government"),
])
def test_organization_name_never_runs_over_a_line_break(nlp, text, mention, speaker):
    doc = nlp(text)
    start = text.index(mention)
    span = doc.char_span(start, start + len(mention))
    assert SpeakerResolver(doc).resolve(span).speaker == speaker



# --- Session 13: bodies speaking through their office holders, whom a statement names, common words -----

from analysis.nlp import load_nlp  # noqa: E402

#: (text, content, speaker, description): with either recogniser (the model's own and the CoNLL one).
HOLDERS_CASES = [
    ("Therefore, the Foreign Ministers of the Visegrad Group resolutely call on all parties to stop the "
     "escalation of the crisis.", "stop the escalation", "Visegrad Group", None),
    ("The Foreign Ministers of the Visegrad Group underline that the rights of citizens must be respected.",
     "rights of citizens", "Visegrad Group", None),
    ("The foreign ministers of the European Union said that sanctions would follow.", "sanctions would follow",
     "European Union", None),
    # Stay unnamed: someone speaking for the body, officials of it, one holder without a name.
    ("A spokesman for the Visegrad Group said the talks had failed.", "the talks had failed", None,
     "A spokesman for the Visegrad Group"),
    ("Officials of the European Commission said the plan was dead.", "the plan was dead", None,
     "Officials of the European Commission"),
    ("The foreign minister of Poland said the talks had failed.", "the talks had failed", None,
     "The foreign minister of Poland"),
]


@pytest.mark.parametrize("conll", [False, True], ids=["model", "conll"])
@pytest.mark.parametrize(("text", "content", "speaker", "description"), HOLDERS_CASES,
                         ids=[case[1] for case in HOLDERS_CASES])
def test_office_holders_of_a_named_body_are_that_body(conll, text, content, speaker, description):
    quotes = [q for q in extract_quotes(load_nlp(conll=conll)(text)) if content in q.text]
    assert [(q.speaker, q.speaker_description) for q in quotes] == [(speaker, description)]


BLAIR = ("Tony Blair faces his first prime minister's questions after a week of speculation about his relationship "
         "with Gordon Brown. Mr Blair dismissed the talk of splits. \"He can stick up whatever he likes on billboards,"
         "\" he said. The chancellor is currently on a high-profile tour of Africa. But before doing so, he insisted "
         "he still trusted Mr Blair, despite claims to the contrary in a new book.")


@pytest.mark.parametrize("conll", [False, True], ids=["model", "conll"])
def test_whom_a_statement_names_is_not_the_he_who_makes_it(conll):
    quotes = extract_quotes(load_nlp(conll=conll)(BLAIR))
    trusted = [q for q in quotes if "still trusted" in q.text]
    assert [q.speaker for q in trusted] == [None]  # not Tony Blair; nobody is called the chancellor here
    assert trusted[0].speaker_description == "The chancellor"
    assert [q.speaker for q in quotes if "billboards" in q.text] == ["Tony Blair"]


@pytest.mark.parametrize("text, content, speaker", [
    # The title subject names someone the article gives that title: that person.
    ("Gordon Brown, the chancellor, spoke in Accra. Mr Blair said the talks were over. The chancellor is on a "
     "tour of Africa. But he insisted he still trusted Mr Blair.", "still trusted", "Gordon Brown"),
    # A name before the pronoun is outside what it governs: "he" may be that person.
    ("Clarence Thomas was named to the court. While not much is known about Thomas' views on most issues, he has "
     "made clear his opposition to affirmative action.", "views on most issues", "Clarence Thomas"),
    # Nobody named inside the statement: the previous speaker as before.
    ("Mr Blair dismissed the talk of splits. The chancellor is on a tour of Africa. He insisted the party was "
     "united.", "party was united", "Blair"),
])
def test_he_after_an_excluded_previous_speaker(nlp, text, content, speaker):
    assert [q.speaker for q in extract_quotes(nlp(text)) if content in q.text] == [speaker]


@pytest.mark.parametrize("conll", [False, True], ids=["model", "conll"])
def test_a_name_of_common_words_is_no_person(conll):
    text = ("Political parties cannot take older voters for granted, says Age Concern. Adults aged over 55 share "
            "the same concerns, and Age Concern says the over-55s are united. The report was welcomed by "
            "Conservative shadow pensions secretary David Willetts. \"The pensioners' voice must certainly be "
            "heard,\" he said.")
    quotes = extract_quotes(load_nlp(conll=conll)(text))
    assert [(q.speaker, q.speaker_kind) for q in quotes if "pensioners" in q.text] == [("David Willetts", "person")]
    assert {q.speaker_kind for q in quotes if q.speaker == "Age Concern"} == {"organization"}


@pytest.mark.parametrize("conll", [False, True], ids=["model", "conll"])
def test_a_name_the_article_never_writes_in_lower_case_is_a_person(conll):
    # "Mitt" and "Romney" are frequent in the background news, but no words of this article
    text = "Mitt Romney said the attacks did not hurt him, arguing that divisions in the party were a bigger hurdle."
    quotes = extract_quotes(load_nlp(conll=conll)(text))
    assert {(q.speaker, q.speaker_kind) for q in quotes} == {("Mitt Romney", "person")}


def test_a_titled_name_of_common_words_is_a_person(nlp):
    quotes = extract_quotes(nlp("Immigration minister Des Browne said the rules would change."))
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [("Des Browne", "person")]


COMMONS = ("The prime minister's wife is said to have praised the Supreme Court for overruling the White House. The "
           "Tories said she broke a convention that British figures do not act in a partisan way abroad. But Downing "
           "Street said she was speaking in her capacity as a lawyer. It said she was not expressing political "
           "opinions.")


@pytest.mark.parametrize("conll", [False, True], ids=["model", "conll"])
@pytest.mark.parametrize(("text", "content", "speaker"), [
    # "it" after an organisation's statement, nobody named between: that organisation.
    (COMMONS, "not expressing", "Downing Street"),
    # A party by its other name, whether or not the recogniser tags it.
    (COMMONS, "broke a convention", "Conservatives"),
    # An organisation named inside the previous statement is between: the most recent one, as before.
    ("Russia said NATO was a threat. It said the talks were over.", "talks were over", "NATO"),
    # A headline's verb is no part of the name before it.
    ("Garcia Says Shining Path Rebels Have Formed New Urban Front\n\nLIMA, Peru (AP) President Alan Garcia said "
     "the rebels were growing.", "Shining Path Rebels", "Alan Garcia"),
])
def test_it_parties_and_headline_names(conll, text, content, speaker):
    quotes = [q for q in extract_quotes(load_nlp(conll=conll)(text)) if content in q.text]
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize(("text", "name"), [
    ("Garcia Says Shining Path", "Garcia"),
    ("Tony Blair Warns", "Tony Blair"),
    ("Lula Said", "Lula"),
    # Stay: no verb of saying after the name (a name ending in "s" is no verb).
    ("Gordon Brown", "Gordon Brown"),
    ("Richard Sayers", "Richard Sayers"),
    ("Charles Kennedy", "Charles Kennedy"),
])
def test_clean_name_stops_at_a_headline_verb(nlp, text, name):
    from analysis.quotes.people import clean_name
    assert clean_name(nlp(text)[:]) == name


@pytest.mark.parametrize(("text", "content", "speaker"), [
    # A title before a verb belongs to the subject, not to the name after the verb.
    ("George W Bush will be more consensual in his second term, Tony Blair has said. The prime minister said Mr "
     "Bush had learned that force was not the only way.", "force was not", "Tony Blair"),
    # Every title word counts: "the prime minister" is not a former welfare minister.
    ("Former welfare minister Frank Field said the party was split. Prime Minister Tony Blair spoke on Sunday. The "
     "prime minister said Labour was united.", "Labour was united", "Tony Blair"),
    # Stay: a title of the person's own phrase.
    ("Russian President Vladimir Putin met Angela Merkel. The Russian president said the talks were useful.",
     "talks were useful", "Vladimir Putin"),
])
def test_a_description_fits_only_titles_of_the_name(nlp, text, content, speaker):
    assert [q.speaker for q in extract_quotes(nlp(text)) if content in q.text] == [speaker]
