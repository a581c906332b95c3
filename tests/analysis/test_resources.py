"""Tests for the one loader of data files (analysis.resources) and the data folder layout."""

from __future__ import annotations

import pytest

from analysis import resources

LIST_CASES = [
    # (file content, entries in order, word_list)
    ("# a comment\nSay\n\nwarn  # trailing comment\n", ("Say", "warn  # trailing comment"), {"say", "warn"}),
    ("  Vladimir  \n#only comment\n", ("Vladimir",), {"vladimir"}),
    ("", (), set()),
    ("# nothing but comments\n\n   \n", (), set()),
]


@pytest.mark.parametrize(("content", "expected_entries", "expected_words"), LIST_CASES)
def test_lists_skip_comments_and_blank_lines(tmp_path, content, expected_entries, expected_words):
    path = tmp_path / "words.txt"
    path.write_text(content, encoding="utf-8")
    assert resources.entries(path) == expected_entries
    assert resources.word_list(path) == frozenset(expected_words)


def test_every_rules_folder_has_a_readme_naming_each_of_its_files():
    folders = [p for p in resources.RULES_DIR.iterdir() if p.is_dir()]
    assert folders
    for folder in folders:
        readme = (folder / "README.md").read_text(encoding="utf-8")
        for data_file in folder.iterdir():
            if data_file.name != "README.md":
                assert f"`{data_file.name}`" in readme, (folder.name, data_file.name)


def test_data_folders_hold_only_their_kind():
    assert {p.name for p in resources.DATA_DIR.iterdir() if p.is_dir()} == {"rules", "generated", "models"}
    assert not [p for p in resources.DATA_DIR.rglob("*.py")], "scripts that write data live under training/"


def test_model_manifest_lists_every_model_file_with_its_digest():
    import hashlib
    import json

    manifest = json.loads((resources.MODELS_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    listed = {entry["file"]: entry for entry in manifest["models"]}
    on_disk = {p.name for p in resources.MODELS_DIR.iterdir() if p.name != "MANIFEST.json"}
    assert set(listed) == on_disk
    for name, entry in listed.items():
        blob = resources.model_file(name).read_bytes()
        assert entry["bytes"] == len(blob), name
        assert entry["sha256"] == hashlib.sha256(blob).hexdigest(), name
        assert entry["training_command"].startswith(("training/", "for seed")) and entry["scores"], name
