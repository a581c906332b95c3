"""A store built from one hostile article: Markdown, HTML, formulas and a javascript: URL in every field.

Each payload is a reproduction from issue #16. The speaker names are replaced after the build
(the extractor would not invent such names), the way a tampered or imported store would hold them.
"""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

#: The search text of the issue: a fake message that links away and loads a remote image.
HOSTILE_Q = "[Session expired - log in again](http://evil.example)![t](http://evil.example/b.png)"
TITLE = "[Session expired - log in again](http://evil.example)![t](http://evil.example/b.png)"
OUTLET = ":red[Outlet] **bold** <img src=x onerror=alert(1)> $x^2$"
URL = "javascript:alert(1)"
SPEAKER = 'Vlad **bold** [Putin](http://evil.example) :red[x] <a href="http://evil.example/s">s</a> Putin'
MENTION = "the ![m](http://evil.example/m.png) _Putin_ man"
TEXT = ('Vladimir Putin spoke in Moscow on Friday about Germany and France.\n\n'
        '"=HYPERLINK(""http://evil.example/x"",""Click"") is what they want," Putin said.\n\n'
        '"+cmd|\' /C calc\'!A0 and *very* bad [offers](http://evil.example) :red[alarm] $x^2$," said Putin.\n\n'
        '1. This is not a list. See http://evil.example/autolink and **bold** and `code` and <b>tag</b> & &amp;.\n\n'
        'Olaf Scholz said that "@SUM(1+1) -> Germany <- France will not bow to Russia."\n')
ARTICLE_ID = "hostile1"


def build_hostile_store(path) -> str:
    """Build the hostile store in the folder ``path`` (a pathlib.Path); returns it as a string."""
    from analysis.build import build_store
    from analysis.records import Article
    from analysis.store import BATCHES

    article = Article(id=ARTICLE_ID, text=TEXT, source="hostile.txt", title=TITLE, date="2024-06-07",
                      outlet=OUTLET, url=URL)
    build_store(str(path), [article])
    for quotes_file in (path / BATCHES).glob("*/quotes.parquet"):
        table = pq.read_table(quotes_file)
        frame = table.to_pandas()
        putin = frame["speaker"] == "Vladimir Putin"
        assert putin.any(), "the hostile article has statements by Putin"
        frame.loc[putin, "speaker"] = SPEAKER
        frame.loc[putin, "speaker_mention"] = MENTION
        pq.write_table(pa.Table.from_pandas(frame, schema=table.schema, preserve_index=False), quotes_file)
    from analysis.store.warehouse import write_warehouse

    write_warehouse(str(path))  # the engine's copy must hold the hostile names too (the pages read it)
    return str(path)


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> str:
    return build_hostile_store(tmp_path_factory.mktemp("store") / "hostile")
