"""Who-said-what errors seen on speakers_dev and the 300 shared articles (session 15), each fixed by a rule.

Table-driven: each error's text (shortened from the article) with the speaker that must come
out, and neighbouring texts that must stay as they were.
"""

from __future__ import annotations

import pytest

from analysis.quotes.extract import extract_quotes

#: (text, content the quote starts with, the speaker it must have)
SPEAKER_CASES = [
    # A title before a blank line is not the first sentence's subject.
    ("Blair says UK tsunami aid to soar\n\nTony Blair has predicted the British Government will eventually give "
     '"hundreds of millions" of pounds in aid.', "the British Government", "Tony Blair"),
    ("Ukraine Says It Uncovered Plot to Create People's Republic in Odessa\n\nUkraine's Security Service said it "
     "has detained several people.", "it has detained", "Ukrainian Security Service"),
    # An abbreviated title ("Lt.-Gen.") ended the sentence before the name: the speaker came from the one before.
    ("Lieut.-Gen. Yvan Blondin and Defence Minister Rob Nicholson say pilots will train allies. \"There is a lot of "
     'uncertainty about what we are going to be doing over there," Lt.-Gen. Yvan Blondin said, as the jets left.',
     "There is a lot", "Yvan Blondin"),
    # A no-break space inside a name is a space of the name ("Yvan\xa0Blondin" was "YvanBlondin").
    ('"There is a lot of uncertainty," Lt.-Gen. Yvan\xa0Blondin said.', "There is a lot", "Yvan Blondin"),
    ("The\xa0London\xa0Evening Standard said the mayor was wrong.", "the mayor", "London Evening Standard"),
    # "the statement" after "X said in a statement" is X's; a text named before the mention that gives its author.
    ("Naftohaz, Ukraine's state-run energy firm, said in a statement that sanctions would not target Gazprom. "
     '"The adoption of the sanctions law will not lead automatically to sanctions," the statement said.',
     "The adoption", "Naftohaz"),
    ("Tony Blair promised he would stand down, a new book claims.\n\nBut the prime minister changed his mind, "
     "according to the book. The book by Sunday Telegraph journalist Robert Peston said the pair had fallen out.",
     "the prime minister changed", "Robert Peston"),
    # A passive subject that is the source: "was quoted (as) saying", "is alleged to have said", "is worried".
    ("John Houston is a candidate. Mr Croucher said the views were old. Mr Houston was quoted in the Herald "
     'newspaper saying: "I feel UKIP have over-reacted and overshot the runway."', "I feel UKIP", "John Houston"),
    ("The Blair government was quoted as saying that it would act.", "that it would act", "Blair government"),
    ("John Houston is a candidate. Mr Houston is alleged to have said that the organs should be made available.",
     "to have said", "John Houston"),
    ("But the UN refugees agency is worried the policy sends the wrong message to poorer countries.", "the policy",
     "UN refugees agency"),
    # Stay: a passive subject that is what was said or done ("The plan was criticised by X").
    ("The plan was criticised by Mr Howard as reckless.", "The plan", "Howard"),
    # Stay: a statement nobody is said to have made, a text whose author the article never gives.
    ('Sanctions were imposed on Monday. "The law simply establishes the legal right," the statement said.',
     "The law simply", None),
    ("Officials met on Monday. The report said the economy was weak.", "the economy", None),
    # A person the recogniser ran into an apposition after a spaced dash ("David Kahn - a" was "David Kahn-a").
    ("But his case has been backed by David Kahn - a former Yale historian. \"They left him to hang out in the "
     'cold," Mr Kahn said.', "They left him", "David Kahn"),
    # A bare title is the previous speaker only when the article gives them no other titles.
    ("The Prime Minister Tony Blair is among those who have called for an apology but so far the mayor has "
     'refused. The mayor accused Oliver Finegold of "doorstepping" him.', "Oliver Finegold", None),
    # "the attorney general" is not the solicitor general.
    ("Solicitor General Harriet Harman spoke on Monday.\n\nThe attorney general has denied his statement was "
     "drafted by officials. Lord Goldsmith said it was his own.", "his statement", None),
    # Stay: a bare title the previous speaker holds, or one the article never gives anybody, or a speaker
    # the article gives only former offices.
    ("The BBC should steer away from demonising Alastair Campbell, Peter Mandelson has said.\n\nThe European "
     "commissioner said that the Tories were afraid. Former Labour communications director Mr Mandelson left.",
     "that the Tories", "Peter Mandelson"),
    ("Tony Blair said the war was over. The prime minister added that troops would stay.", "that troops",
     "Tony Blair"),
    ("Lord Goldsmith said the war was legal. The attorney general added that the advice was his own.", "that the",
     "Goldsmith"),
    # A lower-case word before a name is no part of it; a councillor's title is a title.
    ("But fellow Tory David Heathcoat-Amory said the plan was wrong.", "the plan", "David Heathcoat-Amory"),
    ("Nottingham City Councillor Brian Parbutt said the plan was wrong.", "the plan", "Brian Parbutt"),
    # Stay: a name particle opens a name.
    ("Bill de Blasio said the plan was wrong.", "the plan", "Bill de Blasio"),
    # An inverted cue whose name the parser made the subject of a later word.
    ('"We don\'t want them," said Ms Olga, who declined to give her surname. "We are here to honour the great '
     'Shevchenko and Ukraine," said Mr Svyatoslav Regushevsky, a 46-year-old who brought his 21/2-year-old son, '
     "wearing a ski jacket with the Ukrainian flag colours, to the unity rally.", "We are here",
     "Svyatoslav Regushevsky"),
    # "the paper" is the newspaper named last before it.
    ("But in an interview with the Financial Times, Mr Blair refused to be pinned down. The paper said the prime "
     'minister "claimed ignorance" of the dates.', "the prime minister", "Financial Times"),
    ("The Mirror newspaper said on Tuesday it had been handed a dossier. The paper said the document had been "
     "found in a street.", "the document", "Mirror"),
    ("The state-owned newspaper Al-Ahram, quoting police sources, said that extremists were collaborating. He was "
     "killed because he was a prominent politician, the newspaper said.", "He was killed", "Al-Ahram"),
    # Stay: a newspaper named in apposition is the speaker itself.
    ("Getting ready for time travel, the local newspaper Krymskaya Gazeta (Crimean News) wrote that clocks would "
     "change.", "that clocks", "Krymskaya Gazeta"),
    # Stay: a book's title in apposition is not its author.
    ("The book, Brown's Britain, by Sunday Telegraph journalist Robert Peston, says Tony Blair felt he had lost "
     "voters' trust.", "Tony Blair felt", "Robert Peston"),
    # Stay: a paper the article never names.
    ("Officials met on Monday. The paper said the plan was dead.", "the plan", None),
    # Stay: the same sentences without a title; a name written in one word stays one word.
    ("Kelvin MacKenzie said the paper was right.", "the paper", "Kelvin MacKenzie"),
    ('Tony Blair has predicted the British Government will eventually give "hundreds of millions" of pounds in '
     "aid.", "the British Government", "Tony Blair"),
]


@pytest.mark.parametrize(("text", "start", "speaker"), SPEAKER_CASES, ids=[f"{c[2]}:{c[1]}" for c in SPEAKER_CASES])
def test_the_speaker_of_a_statement(nlp, text, start, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [q.speaker for q in quotes] == [speaker]


#: (text, the whole content of the text's one statement)
DATELINE_CASES = [
    # A dateline with a date before its agency opens no statement.
    ("MOSCOW, August 8 (RIA Novosti) — Russia considers the decision a violation, the Foreign Ministry said.",
     "Russia considers the decision a violation"),
    ("KIEV, May 14 (RIA Novosti) – Three supporters were detained, the interior ministry said.",
     "Three supporters were detained"),
    # Stay: a date with no agency is not taken for a dateline.
    ("WARSAW (AFP) - Poland will send troops, the minister said.", "Poland will send troops"),
]


@pytest.mark.parametrize(("text", "content"), DATELINE_CASES, ids=[c[1] for c in DATELINE_CASES])
def test_a_dateline_with_a_date_opens_no_statement(nlp, text, content):
    assert [q.text for q in extract_quotes(nlp(text))] == [content]
