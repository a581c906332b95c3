"""Uploading articles of the shared corpus through the browser adds them to the store."""

import json
import os
import re

import pytest

from analysis.store import load_corpus
from tests.browser.conftest import open_page, screenshot, settle
from tests.conftest import SHARED

pytestmark = pytest.mark.browser
CORPUS = os.path.join(SHARED, "corpus", "news_politics_world_300.jsonl")


@pytest.mark.skipif(not os.path.exists(CORPUS), reason=f"{CORPUS} not present")
def test_upload_three_articles_and_a_bad_file(private_server, fresh_store, page, tmp_path):
    with open(CORPUS, encoding="utf-8") as handle:
        records = [json.loads(line) for _, line in zip(range(3), handle, strict=False)]
    files = []
    for index, record in enumerate(records):
        path = tmp_path / f"article-{index}.txt"
        path.write_text(record["text"], encoding="utf-8")
        files.append(str(path))
    jsonl = tmp_path / "more.jsonl"  # a JSONL file whose first record repeats article 0: a duplicate
    jsonl.write_text(json.dumps({"title": "Again", "text": records[0]["text"]}) + "\n", encoding="utf-8")
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\x00\x00binary")
    files += [str(jsonl), str(bad)]

    open_page(page, f"{private_server}/corpus")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(files)
    page.get_by_text("this looks like a binary file").wait_for()
    button = page.get_by_role("button", name=re.compile(r"Analyse and add 3 article"))
    button.wait_for()
    settle(page)
    screenshot(page, "corpus-upload")
    button.click()
    # The notice and the upload status both say it once done: either will do.
    page.get_by_text(re.compile(r"Added 3 article")).first.wait_for(timeout=180_000)
    settle(page)
    corpus = load_corpus(fresh_store)
    assert len(corpus.articles) == 4
    assert page.locator('[data-testid="stException"]').count() == 0
