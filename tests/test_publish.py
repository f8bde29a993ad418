"""`make publish` (tools/publish.py) is atomic: stopped after any step, `output` is the site
published before or the new one, complete, never missing or mixed; two publishes at once
leave one complete site, from one run, and each run says truthfully what it did.

Real strict builds of a small fixture site (tests/fixtures/sites/clean_urls), in subprocesses
so a run can be killed with SIGKILL exactly where ``PUBLISH_STOP_AFTER`` says."""

import os
import re
import signal
import subprocess
import sys
import tarfile
import time

import pytest

import publish
from conftest import FIXTURES, ROOT, copy_content

SITEURL = "https://peers.example"
OLD_SITE = {"index.html": b"the site as published before",
            "about/index.html": b"about us, as published before"}


def _hear_ctrl_c():
    # A test run started in the background of a shell (nohup, `cmd &`) ignores SIGINT, and a
    # child inherits that: the publish would never see the Ctrl+C the test sends it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_publish(content, output, stop_after=None, siteurl=SITEURL, wait=True):
    env = {key: value for key, value in os.environ.items() if key != publish.STOP_VARIABLE}
    env["SITEURL"] = siteurl
    if stop_after:
        env[publish.STOP_VARIABLE] = stop_after
    command = [sys.executable, "-m", "publish", "--settings", str(ROOT / "publishconf.py"),
               str(content), str(output)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, text=True, preexec_fn=_hear_ctrl_c,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if not wait:
        return process
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def snapshot(folder):
    """Every file under ``folder`` (through the link) and its bytes; None when there is no
    folder. The sitemap's <lastmod> is the build's own time, so it is left out."""
    if not os.path.isdir(folder):
        return None
    files = {}
    for parent, _, names in os.walk(folder, followlinks=True):
        for name in names:
            path = os.path.join(parent, name)
            with open(path, "rb") as f:
                data = f.read()
            if name == "sitemap.xml":
                data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
            files[os.path.relpath(path, folder)] = data
    return files


def site_content(tmp_path, name, marker):
    """The fixture site, with ``marker`` in the home page and in a section page, so two
    builds of it can be told apart file by file."""
    content = copy_content(tmp_path / name, FIXTURES / "sites" / "clean_urls")
    for page in ("index.md", "history/index.md"):
        path = content / "pages" / page
        path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """Two contents and the complete site each one publishes to, built once."""
    base = tmp_path_factory.mktemp("publish-reference")
    sites = {}
    for name in ("new", "other"):
        content = site_content(base, name, f"Published by the {name} run.")
        result = run_publish(content, base / f"{name}-output")
        assert result.returncode == 0, result.stdout + result.stderr
        sites[name] = (content, snapshot(base / f"{name}-output"))
    return sites


def old_output(tmp_path, kind):
    """``output`` as a volunteer may have it before publishing: a real folder (from `make
    html`) or a link to an earlier run (from `make publish`)."""
    output = tmp_path / "output"
    if kind == "folder":
        target = output
    else:
        target = tmp_path / ".publish-output" / "run-earlier"
        target.parent.mkdir()
        output.symlink_to(os.path.relpath(target, tmp_path))
    for name, data in OLD_SITE.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    return output


def wait_for_lock(tmp_path, process):
    """Return once ``process`` holds the publish lock (it writes its id into the lock file)."""
    lock = tmp_path / ".publish-output" / publish.LOCK_NAME
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == str(process.pid)):
        assert process.poll() is None, "the publish ended before it took the lock"
        assert time.monotonic() < deadline, "the publish never took the lock"
        time.sleep(0.05)


def wait_for_build(process):
    """Return once ``process`` has started its strict build (a child process of its own): it is
    then inside the build, which cannot have finished yet. Linux's /proc lists the children."""
    children = f"/proc/{process.pid}/task/{process.pid}/children"
    if not os.path.exists(children):
        pytest.fail(f"{children} is missing: this test needs Linux's /proc to see the build start")
    deadline = time.monotonic() + 60
    while not open(children, encoding="ascii").read().split():
        assert process.poll() is None, "the publish ended before it started the build"
        assert time.monotonic() < deadline, "the publish never started the build"
        time.sleep(0.01)


def leftovers(tmp_path):
    """What is in the runs folder besides the lock and the run ``output`` points to."""
    runs = tmp_path / ".publish-output"
    current = os.path.realpath(tmp_path / "output")
    return sorted(p.name for p in runs.iterdir()
                  if p.name != publish.LOCK_NAME and os.path.realpath(p) != current)


@pytest.mark.parametrize("before", ["folder", "link"])
@pytest.mark.parametrize("step", publish.STEPS)
def test_a_publish_killed_after_any_step_leaves_the_old_or_the_new_site(tmp_path, reference, step,
                                                                         before):
    content, new_site = reference["new"]
    output = old_output(tmp_path, before)

    result = run_publish(content, output, stop_after=step)

    assert result.returncode == -signal.SIGKILL, result.stdout + result.stderr  # it got there
    expected = new_site if publish.STEPS.index(step) >= publish.STEPS.index("swapped") else OLD_SITE
    assert snapshot(output) == expected
    assert (tmp_path / "output").is_symlink() or expected is OLD_SITE

    if before == "link":
        return  # the next publish after a kill: below, from the folder, which leaves the most
    # The next publish is not held up by the killed one (its lock went with it) and clears
    # everything it left behind (the run's folder, its link, the real folder swapped out).
    again = run_publish(content, output)
    assert again.returncode == 0, again.stdout + again.stderr
    assert snapshot(output) == new_site
    assert output.is_symlink()
    assert leftovers(tmp_path) == []


def test_two_publishes_at_once_leave_one_complete_site_and_say_what_happened(tmp_path, reference):
    (first_content, _), (second_content, second_site) = reference["new"], reference["other"]
    output = old_output(tmp_path, "folder")
    first = run_publish(first_content, output, wait=False)
    wait_for_lock(tmp_path, first)
    second = run_publish(second_content, output, wait=False)  # while the first holds the lock
    first_out, first_err = first.communicate(timeout=300)
    second_out, second_err = second.communicate(timeout=300)

    assert first.returncode == 0, first_out + first_err
    assert second.returncode == 0, second_out + second_err
    assert "waiting for it to finish" not in first_out
    assert f"another publish is running (process {first.pid}); waiting for it to finish" in second_out
    # Each says "ready" when it is: the first run's site was live until the second replaced it.
    assert f"publish: {output} is ready to deploy" in first_out
    assert f"publish: {output} is ready to deploy" in second_out
    assert snapshot(output) == second_site  # all of the second run's site, nothing of the first
    assert leftovers(tmp_path) == []


def test_a_failing_publish_waiting_behind_another_leaves_the_others_site(tmp_path, reference):
    good_content, good_site = reference["new"]
    broken = copy_content(tmp_path / "broken", FIXTURES / "sites" / "clean_urls")
    (broken / "pages" / "broken.md").write_text("Summary: a page with no title\n\nOops.\n")
    output = old_output(tmp_path, "link")
    first = run_publish(good_content, output, wait=False)
    wait_for_lock(tmp_path, first)
    second = run_publish(broken, output)
    first_out, first_err = first.communicate(timeout=300)

    assert first.returncode == 0, first_out + first_err
    assert second.returncode == 1
    assert "waiting for it to finish" in second.stdout
    assert f"publish: failed; {output} was left as it was." in second.stdout
    assert snapshot(output) == good_site
    assert leftovers(tmp_path) == []


def test_without_siteurl_nothing_is_built_or_changed(tmp_path):
    output = old_output(tmp_path, "folder")
    result = run_publish(FIXTURES / "sites" / "clean_urls", output, siteurl="")
    assert result.returncode == 1
    assert result.stdout == ("publish: say where the site will live, e.g. make publish "
                             "SITEURL=https://example.org\n")
    assert snapshot(output) == OLD_SITE


def test_an_unknown_stop_step_is_refused(tmp_path):
    result = run_publish(FIXTURES / "sites" / "clean_urls", tmp_path / "output", stop_after="biult")
    assert result.returncode == 2
    assert "PUBLISH_STOP_AFTER=biult is not a step; the steps are: locked, folder, built" in result.stderr
    assert not (tmp_path / ".publish-output").exists()


def test_the_pages_artifact_of_a_linked_output_holds_the_files(tmp_path):
    """The GitHub Pages workflow uploads `output/` with actions/upload-pages-artifact, whose
    action.yml (v5) runs this tar command: --directory enters the link, --dereference copies
    files, and Pages refuses an artifact holding links. v5 also leaves out dotfiles (the
    workflow does not ask for them: the site has none, and `_headers` is not one)."""
    output = old_output(tmp_path, "link")
    artifact = tmp_path / "artifact.tar"
    subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory", f"{output}/",
                    "-cf", str(artifact), "--exclude=.git", "--exclude=.github", "--exclude=.[^/]*", "."],
                   check=True)
    with tarfile.open(artifact) as tar:
        members = tar.getmembers()
    assert all(m.isfile() or m.isdir() for m in members)
    assert sorted(m.name for m in members if m.isfile()) == ["./about/index.html", "./index.html"]


def test_ctrl_c_during_the_build_leaves_the_old_site_and_no_run_behind(tmp_path, reference):
    content, _ = reference["new"]
    output = old_output(tmp_path, "folder")
    process = run_publish(content, output, wait=False)
    wait_for_lock(tmp_path, process)
    wait_for_build(process)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stdout + stderr
    assert f"publish: stopped; {output} was left as it was." in stdout
    assert "Traceback" not in stdout + stderr
    assert snapshot(output) == OLD_SITE
    assert sorted(p.name for p in (tmp_path / ".publish-output").iterdir()) == [publish.LOCK_NAME]


def test_an_output_that_is_a_file_is_refused_before_building(tmp_path):
    output = tmp_path / "output"
    output.write_text("not a site")
    result = run_publish(FIXTURES / "sites" / "clean_urls", output)
    assert result.returncode == 1
    assert result.stdout == (f"publish: failed; {output} is a file, not a folder: move it away "
                             "and publish again.\n")
    assert output.read_text() == "not a site"


# --- Links publish did not make (issue 21) -------------------------------------------------------

def victim(tmp_path):
    """A folder outside the repository that a committed link could point to, with a file in it."""
    folder = tmp_path / "home" / "volunteer"
    folder.mkdir(parents=True)
    (folder / "thesis.txt").write_text("years of work")
    return folder


def test_a_runs_folder_that_is_a_link_is_refused_and_its_target_untouched(tmp_path, reference):
    content, _ = reference["new"]
    target = victim(tmp_path)
    runs = tmp_path / ".publish-output"
    runs.symlink_to(target)  # as committed to the repository
    output = tmp_path / "output"
    result = run_publish(content, output)
    assert result.returncode == 1
    assert result.stdout == (
        f"publish: failed; {runs} is a symbolic link (to {target}), not the folder publish makes; "
        "publishing would build into, and delete the rest of, the folder it points to. Remove the "
        f"link (rm {runs}) and publish again. Nothing was built or removed.\n")
    assert sorted(p.name for p in target.iterdir()) == ["thesis.txt"]
    assert not output.exists()


def test_an_output_link_publish_did_not_make_is_refused_and_its_target_untouched(tmp_path, reference):
    content, _ = reference["new"]
    target = victim(tmp_path)
    output = tmp_path / "output"
    output.symlink_to(target)
    result = run_publish(content, output)
    assert result.returncode == 1
    assert result.stdout == (
        f"publish: failed; {output} is a symbolic link to {target}, which publish did not make "
        f"(publish's links point into {tmp_path / '.publish-output'}); replacing it could put the site "
        f"somewhere else. Remove the link (rm {output}) and publish again. Nothing was built or removed.\n")
    assert sorted(p.name for p in target.iterdir()) == ["thesis.txt"]
    assert os.readlink(output) == str(target)


def test_a_lock_planted_as_a_link_is_not_followed(tmp_path, reference):
    content, site = reference["new"]
    target = victim(tmp_path) / "thesis.txt"
    runs = tmp_path / ".publish-output"
    runs.mkdir()
    (runs / publish.LOCK_NAME).symlink_to(target)
    result = run_publish(content, tmp_path / "output")
    assert result.returncode == 1
    assert target.read_text() == "years of work"


def test_a_development_build_never_writes_into_the_published_site(tmp_path, reference):
    """`make html` after `make publish`: output is the link publish made; the build refuses."""
    content, site = reference["new"]
    output = tmp_path / "output"
    assert run_publish(content, output).returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "build_report", str(FIXTURES / "sites" / "clean_urls"), "-o", str(output),
         "--log-handler", "plain", "-s", str(ROOT / "pelicanconf.py")],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert f"build: {output} is a link to " in result.stderr
    assert "a development build would overwrite the folder it points to" in result.stderr
    assert snapshot(output) == site


def test_make_check_never_judges_what_an_earlier_build_left_in_output(tmp_path):
    """A page deleted since the last `make html` still sits in output/; a link to it must fail
    `make check`, which builds into a clean folder of its own."""
    content = copy_content(tmp_path, FIXTURES / "sites" / "clean_urls")
    output = tmp_path / "output"
    (output / "old-page").mkdir(parents=True)
    (output / "old-page" / "index.html").write_text("<!doctype html><title>Old</title>")
    home = content / "pages" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n[The old page](/old-page/)\n", encoding="utf-8")
    result = subprocess.run(["make", "--no-print-directory", "check", f"INPUTDIR={content}",
                             f"OUTPUTDIR={output}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0, result.stdout + result.stderr
    assert 'the link "/old-page/" leads to a page that does not exist' in result.stdout + result.stderr
    assert (output / "old-page" / "index.html").exists()  # output/ itself is left alone
