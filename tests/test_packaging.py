"""`pip install .` gives a package that runs: the wheel carries analysis/data, and `extract` works anywhere."""

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = ('Chancellor Olaf Scholz said on Tuesday that Germany would send more air defence systems to Ukraine. '
           '"We will stand by Kyiv for as long as it takes," he told reporters in Berlin.\n')


def _source_copy(target: Path) -> Path:
    """The checkout's files (tracked and new, not ignored), so the build never writes into the checkout."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_installed_package_extracts_from_any_folder(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies come from this environment (no network in tests); the package itself is installed.
    (Path(site) / "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    source = _source_copy(tmp_path / "source")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                              "--no-deps", "--no-build-isolation", str(source)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "article.txt").write_text(ARTICLE, encoding="utf-8")
    where = subprocess.run([str(python), "-c", "import analysis; print(analysis.__file__)"], cwd=elsewhere,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(site), where  # the installed copy, not the checkout
    result = subprocess.run([str(python), "-m", "analysis", "extract", "article.txt"], cwd=elsewhere,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    record = json.loads(result.stdout.splitlines()[0])
    assert any(q["speaker"] == "Olaf Scholz" and "air defence" in q["text"] for q in record["quotes"])
    assert {c["iso3"] for c in record["countries"]} >= {"DEU", "UKR"}
    assert record["keywords"] and record["topics"]
