"""Build and install check of the site's plugin packages, as a Pelican user would meet them.

For each ``plugins/pelican-*/``:

1. ``python -m build`` makes its sdist and wheel;
2. a fresh virtual environment gets only Pelican, Markdown and the wheel (with its ``test``
   extra: pytest and what its tests read), at the versions requirements.txt pins;
3. the package's own tests run there, from the installed wheel;
4. the stock Pelican site (tests/fixtures/stock-site: default theme, nested Markdown and
   reStructuredText pages, an article and its translation, two broken links and a broken
   fragment) is built with that plugin alone, and the package's own assertions run on what
   the build printed and wrote (PACKAGE_CHECKS below).

Usage: ``python tools/check_packages.py [--keep] [NAME ...]`` (names like
``pelican-link-checker``; default: every package). Exits 1 when a check fails, naming it.
.ci/run calls it. Needs the network (PyPI) for the build backend and the fresh environments.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOCK_SITE = ROOT / "tests" / "fixtures" / "stock-site"


class Failed(Exception):
    pass


def run(command, cwd=None, check=True, env=None):
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=env)
    if check and done.returncode != 0:
        raise Failed(f"`{' '.join(map(str, command))}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done


def pins():
    """name==version lines of requirements.txt (the local packages' path lines left out)."""
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if re.match(r"^[A-Za-z0-9_.-]+==\S+$", line.strip())]


def pinned(name):
    for line in pins():
        if line.lower().startswith(name.lower() + "=="):
            return line
    return name


def namespace_module(package):
    """``pelican.plugins.<name>``: the one folder under pelican/plugins/ of the package."""
    names = [p.name for p in (package / "pelican" / "plugins").iterdir()
             if p.is_dir() and (p / "__init__.py").exists()]
    if len(names) != 1:
        raise Failed(f"{package.name}: expected one plugin under pelican/plugins/, found {names}")
    return f"pelican.plugins.{names[0]}"


# --- what each package must show on the stock site ------------------------------------------------

FINDING = re.compile(r"^(\S+):(\d+): (error|warning): ", re.M)


def check_link_checker(build, site, env):
    """Each broken link at its source file and line, and a non-zero exit (``--fatal errors``,
    and the package's command line on the built folder)."""
    expected = {("content/pages/about.md", "7"), ("content/pages/guides/install.rst", "8"),
                ("content/pages/guides/advanced/tips.md", "5")}
    found = {(m.group(1), m.group(2)) for m in FINDING.finditer(build.stdout + build.stderr)
             if m.group(3) == "error"}
    if not expected <= found:
        raise Failed(f"link checker: expected errors at {sorted(expected)}, got {sorted(found)}:\n"
                     f"{build.stdout}{build.stderr}")
    if build.returncode == 0:
        raise Failed("link checker: `pelican --fatal errors` exited 0 with broken links")
    cli = run([env / "bin" / "pelican-link-checker", "--settings", "pelicanconf.py", "output"], cwd=site,
              check=False, env={k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"})
    found = {(m.group(1), m.group(2)) for m in FINDING.finditer(cli.stdout)}
    if cli.returncode != 1 or not expected <= found:
        raise Failed(f"link checker: pelican-link-checker exited {cli.returncode}, found {sorted(found)}:\n"
                     f"{cli.stdout}{cli.stderr}")
    return f"{len(found)} findings at their source lines, exit {build.returncode} and {cli.returncode}"


def check_nested_navigation(build, site, env):
    """The menu is in the HTML: a <nav> with nested lists linking to the nested pages."""
    if build.returncode != 0:
        raise Failed(f"nested navigation: the build failed:\n{build.stdout}{build.stderr}")
    pages = sorted((site / "output").rglob("*.html"))
    about = next((p for p in pages if p.name in ("about.html", "index.html") and "about" in str(p)), None)
    if about is None:
        raise Failed(f"nested navigation: no about page among {[str(p.relative_to(site)) for p in pages]}")
    html = about.read_text(encoding="utf-8")
    navs = re.findall(r"<nav\b.*?</nav>", html, re.S)
    nested = [n for n in navs if re.search(r"<ul\b(?:(?!</ul>).)*<ul\b", n, re.S)
              and "guides" in n and "tips" in n]
    if not nested:
        raise Failed(f"nested navigation: no <nav> with nested lists to guides/ and tips in {about}")
    return f"nested menu in {about.relative_to(site / 'output')}"


#: Per package (its namespace module): extra settings for the stock site and the assertions.
PACKAGE_CHECKS = {
    "pelican.plugins.link_checker": ({}, check_link_checker),
    "pelican.plugins.nested_navigation": ({"THEME_TEMPLATES_OVERRIDES": ["overrides"]}, check_nested_navigation),
}


# --- the steps -----------------------------------------------------------------------------------


def check_package(package, work):
    module = namespace_module(package)
    if module not in PACKAGE_CHECKS:
        raise Failed(f"{package.name}: no stock-site assertions for {module} in tools/check_packages.py")
    dist = work / "dist"
    run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", dist, package])
    wheels = sorted(dist.glob("*.whl"))
    sdists = sorted(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        raise Failed(f"{package.name}: expected one wheel and one sdist, got {wheels + sdists}")
    env = work / "venv"
    venv.create(env, with_pip=True, clear=True)
    python = env / "bin" / "python"
    constraints = work / "constraints.txt"
    constraints.write_text("\n".join(pins()) + "\n", encoding="utf-8")
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", constraints,
         pinned("pelican"), pinned("markdown"), f"{wheels[0]}[test]"])
    installed = run([python, "-c", f"import {module} as m, os; print(os.path.dirname(m.__file__))"],
                    cwd=work).stdout.strip()
    if not installed.startswith(str(env)):
        raise Failed(f"{package.name}: {module} was imported from {installed}, not from the wheel")
    tests = Path(installed) / "tests"
    run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", tests], cwd=work)
    site = work / "stock-site"
    shutil.copytree(STOCK_SITE, site)
    overrides, assertions = PACKAGE_CHECKS[module]
    extra = [f'PLUGINS=["{module}"]'] + [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    build = run([env / "bin" / "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "--fatal", "errors",
                 "--log-handler", "plain", "-e", *extra], cwd=site, check=False)
    return f"wheel {wheels[0].name}, its tests passed, stock site: " + assertions(build, site, env)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="packages (folder names under plugins/); default all")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and print its path")
    args = parser.parse_args(argv)
    packages = sorted(p for p in (ROOT / "plugins").glob("pelican-*") if (p / "pyproject.toml").exists())
    if args.names:
        packages = [p for p in packages if p.name in args.names]
    if not packages:
        print("check_packages: no package to check under plugins/pelican-*/", file=sys.stderr)
        return 1
    failed = 0
    base = Path(tempfile.mkdtemp(prefix="check-packages-"))
    try:
        for package in packages:
            work = base / package.name
            work.mkdir()
            try:
                print(f"check_packages: {package.name}: {check_package(package, work)}")
            except Failed as failure:
                failed += 1
                print(f"check_packages: {package.name}: FAILED: {failure}", file=sys.stderr)
    finally:
        if args.keep:
            print(f"check_packages: work folder kept at {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
