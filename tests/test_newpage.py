"""`make newpage` (plugins/front_matter/newpage.py): a draft page with the right front matter in
an existing section, and a clear refusal for a section that does not exist or a file that does."""

import os
import subprocess
import tempfile

from conftest import ROOT, build_site, copy_content
from front_matter import checks, newpage
from front_matter import fields as F


def run_make(content, **variables):
    return subprocess.run(
        ["make", "--no-print-directory", "newpage", f"INPUTDIR={content}",
         *[f"{name}={value}" for name, value in variables.items()]],
        cwd=ROOT, capture_output=True, text=True, check=False)


def test_make_newpage_writes_a_draft_with_the_right_front_matter(tmp_path):
    content = copy_content(tmp_path)
    result = run_make(content, SECTION="resources", TITLE="Housing help")
    assert result.returncode == 0, result.stderr
    page = content / "pages" / "resources" / "housing-help.md"
    assert "wrote content/pages/resources/housing-help.md" in result.stdout
    assert "/resources/housing-help/" in result.stdout
    orders = [float(e.value) for p in page.parent.glob("*.md") if p != page
              for e in checks.parse(p.read_text(encoding="utf-8")).entries if e.key == "order"]
    assert page.read_text(encoding="utf-8") == (
        "Title: Housing help\n"
        f"Summary: {F.SCAFFOLD_SUMMARY}\n"
        f"Order: {int(max(orders)) + 1}\n"
        "Status: draft\n"
        "Needs: the page's text and its summary; then delete this line and the Status line\n\n")


def test_the_new_draft_passes_the_check_and_is_listed_as_a_to_do(tmp_path):
    content = copy_content(tmp_path)
    newpage.new_page(str(content), "about", "Our values")
    site = build_site(content, tmp_path / "output")
    assert [m for m in site.messages() if "our-values" in m] == []
    assert not site.file_for("about/our-values/").exists()


def test_publishing_it_with_the_scaffold_summary_is_an_error(tmp_path):
    content = copy_content(tmp_path)
    page = newpage.new_page(str(content), "about", "Our values")
    with open(page, encoding="utf-8") as f:
        text = f.read().replace("Status: draft\n", "")
    result = checks.check(text, F.PAGE, "our-values.md", checks.Rules())
    assert [str(f) for f in result.findings] == [
        "our-values.md:2: error: `Summary` still has the words `make newpage` put there; write "
        "one or two sentences about the page"]


def test_a_section_that_does_not_exist_is_refused_with_the_nearest(tmp_path):
    content = copy_content(tmp_path)
    result = run_make(content, SECTION="resorces", TITLE="Housing help")
    assert result.returncode == 2  # make's status when the command exits 1
    assert result.stderr.splitlines()[0] == (
        'newpage: there is no section "resorces" (no content/pages/resorces/index.md). Did you '
        'mean "resources"? The sections are: about, activities, advocacy, history, news, resources')
    assert not (content / "pages" / "resorces").exists()


def test_an_existing_file_is_refused_and_left_alone(tmp_path):
    content = copy_content(tmp_path)
    page = content / "pages" / "resources" / "emergency.md"
    before = page.read_text(encoding="utf-8")
    result = run_make(content, SECTION="resources", TITLE="Emergency")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "newpage: content/pages/resources/emergency.md already exists; open it to edit it, or "
        "choose another title")
    assert page.read_text(encoding="utf-8") == before


def test_a_missing_title_is_refused(tmp_path):
    content = copy_content(tmp_path)
    result = run_make(content, SECTION="resources")
    assert result.returncode == 2
    assert "say which section and what title" in result.stderr


def test_a_title_is_written_as_typed_and_nothing_in_it_runs(tmp_path):
    content = copy_content(tmp_path)
    # Short paths: the title, and so the file name made from it, holds them.
    with tempfile.TemporaryDirectory(prefix="np") as short:
        ran = {kind: os.path.join(short, kind[0]) for kind in ("backticks", "dollar", "make")}
        title = (f"Peer `touch {ran['backticks']}` support $(touch {ran['dollar']}) "
                 f"$(shell touch {ran['make']}) ${{HOME}} 'quoted' \"double\"")
        before = set((content / "pages" / "resources").iterdir())
        result = run_make(content, SECTION="resources", TITLE=title)
        assert result.returncode == 0, result.stderr
        [page] = set((content / "pages" / "resources").iterdir()) - before
        assert page.read_text(encoding="utf-8").splitlines()[0] == f"Title: {title}"
        assert [kind for kind, path in ran.items() if os.path.exists(path)] == []


def test_a_title_too_long_for_a_file_name_is_refused(tmp_path):
    content = copy_content(tmp_path)
    result = run_make(content, SECTION="resources", TITLE="Housing help " * 30)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "newpage: cannot write content/pages/resources/" + "housing-help-" * 29 + "housing-help.md "
        "(File name too long); choose a shorter title")
