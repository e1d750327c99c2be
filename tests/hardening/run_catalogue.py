#!/usr/bin/python3
"""Runs the bad-input catalogue (tests/hardening/catalogue/cases.tsv) through the aidc CLI.

Every case names an input file, the aidc command that reads it, the exit code expected and a substring the
error message must contain (file name, line:column and field path where the format has them). A case passes
when the exit code matches, the text is found (stderr for a failure, stdout for a success), no sanitizer
report appears, and a failing command wrote nothing: its output folder is empty and no temporary file of an
atomic write is left anywhere in the case's scratch folder. All mismatches are listed; exit status 1 if any.

Manifest columns (tab-separated; '#' lines are comments):
  case      input file relative to the catalogue folder, or '@loop' (a symbolic link to itself, made in the
            scratch folder), '@dir' (a folder), '-' (none)
  exit      expected exit code (0 success, 2 bad input, ...)
  expected  substring expected in stderr (exit != 0) or stdout (exit 0); {case}, {tmp} and {catalogue} are expanded
  args      aidc arguments (shell-style quoting), with these placeholders:
              {case}            absolute path of the input
              {out}             an empty folder for outputs; it must still be empty after a failure
              {src}             the source tree
              {scenario:KEY}    catalogue/base-scenario.yaml.in with @KEY@ = the input and every other @X@ the
                                shipped file (KEY: HARDWARE, TABLE, RUBRIC, CLIMATE, PLANT, IT_POWER)
              {plant-with-grid} a folder with the shipped air-dx.yaml and it-power.yaml and the input as
                                grid-carbon.yaml (the energy command reads the grid table beside the plant);
                                expands to the plant file's path

Usage: run_catalogue.py --aidc build/bin/aidc --src . [--only SUBSTRING] [--verbose]
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SHIPPED = {
    "HARDWARE": "scenarios/hardware/h100-sxm5-80gb.yaml",
    "TABLE": "scenarios/reliability/h100_default.yaml",
    "RUBRIC": "scenarios/rubrics/default.yaml",
    "CLIMATE": "scenarios/climate/synthetic-temperate.csv",
    "PLANT": "scenarios/plant/air-chilled-water.yaml",
    "IT_POWER": "scenarios/plant/it-power.yaml",
}
# Sanitizer reports mean a memory or UB bug even when the exit code is right (the ASan build runs this too).
SANITIZER = re.compile(r"ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|ThreadSanitizer")
TIMEOUT_S = 120


def read_manifest(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4:
                sys.exit(f"{path}:{number}: expected 4 tab-separated columns, got {len(cols)}")
            case, code, expected, args = cols
            cases.append({"line": number, "case": case, "exit": int(code), "expected": expected, "args": args})
    return cases


def make_input(case, catalogue, inputs):
    """Absolute path of the case's input, creating the special ones in the scratch folder."""
    if case == "-":
        return ""
    if case == "@loop":
        p = os.path.join(inputs, "loop.yaml")
        os.symlink("loop.yaml", p)
        return p
    if case == "@dir":
        p = os.path.join(inputs, "a-folder.csv")
        os.mkdir(p)
        return p
    p = os.path.join(catalogue, case)
    if not os.path.isfile(p):
        raise FileNotFoundError(f"case file {case} does not exist")
    return p


def expand(arg, ctx):
    def scenario(match):
        key = match.group(1)
        if key not in SHIPPED:
            raise ValueError(f"unknown scenario placeholder key {key}")
        with open(os.path.join(ctx["catalogue"], "base-scenario.yaml.in"), encoding="utf-8") as f:
            text = f.read()
        for k, rel in SHIPPED.items():
            text = text.replace(f"@{k}@", ctx["case"] if k == key else os.path.join(ctx["src"], rel))
        path = os.path.join(ctx["inputs"], "scenario.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def plant_with_grid(_):
        d = os.path.join(ctx["inputs"], "plant")
        os.makedirs(d, exist_ok=True)
        for name in ("air-dx.yaml", "it-power.yaml"):
            shutil.copy(os.path.join(ctx["src"], "scenarios", "plant", name), d)
        shutil.copy(ctx["case"], os.path.join(d, "grid-carbon.yaml"))
        return os.path.join(d, "air-dx.yaml")

    arg = re.sub(r"\{scenario:([A-Z_]+)\}", scenario, arg)
    arg = re.sub(r"\{plant-with-grid\}", plant_with_grid, arg)
    return arg.replace("{case}", ctx["case"]).replace("{out}", ctx["out"]).replace("{src}", ctx["src"])


def leftovers(root):
    """Temporary files of atomic writes (NAME.tmp.PID) anywhere under root."""
    found = []
    for d, _, files in os.walk(root):
        found += [os.path.join(d, f) for f in files if ".tmp." in f]
    return found


def run_case(c, aidc, src, catalogue, verbose):
    problems = []
    with tempfile.TemporaryDirectory(prefix="aidc-catalogue-") as tmp:
        inputs, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        os.mkdir(inputs)
        os.mkdir(out)
        ctx = {"src": src, "catalogue": catalogue, "inputs": inputs, "out": out}
        try:
            ctx["case"] = make_input(c["case"], catalogue, inputs)
            args = [expand(a, ctx) for a in shlex.split(c["args"])]
        except (OSError, ValueError) as e:
            return [f"setup: {e}"]
        expected = (c["expected"].replace("{case}", ctx["case"]).replace("{tmp}", tmp)
                    .replace("{catalogue}", catalogue))
        try:
            p = subprocess.run([aidc] + args, cwd=tmp, capture_output=True, timeout=TIMEOUT_S,
                               env=dict(os.environ, LC_ALL="C"))
        except subprocess.TimeoutExpired:
            return [f"timed out after {TIMEOUT_S} s (a hang)"]
        stdout = p.stdout.decode("utf-8", "replace")
        stderr = p.stderr.decode("utf-8", "replace")
        if verbose:
            print(f"  $ aidc {' '.join(args)}\n  -> exit {p.returncode}: {stderr.strip() or stdout.strip()[:200]}")
        if p.returncode != c["exit"]:
            problems.append(f"exit code {p.returncode}, expected {c['exit']}")
        where = stdout if c["exit"] == 0 else stderr
        if expected not in where:
            problems.append(f"expected text not found\n      expected: {expected}\n      got:      "
                            + (where.strip().splitlines() or ["(nothing)"])[0][:400])
        if SANITIZER.search(stderr):
            problems.append("sanitizer report:\n" + stderr[:2000])
        if p.returncode != 0:
            written = sorted(os.listdir(out))
            if written:
                problems.append(f"failed but wrote {written}")
            left = leftovers(tmp)
            if left:
                problems.append(f"failed and left temporary files {left}")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aidc", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--only", default="", help="run only cases whose file or arguments contain this text")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    src = os.path.abspath(a.src)
    aidc = os.path.abspath(a.aidc)
    catalogue = os.path.join(src, "tests", "hardening", "catalogue")
    cases = read_manifest(os.path.join(catalogue, "cases.tsv"))
    failures = 0
    formats = set()
    ran = 0
    for c in cases:
        if a.only and a.only not in c["case"] and a.only not in c["args"]:
            continue
        ran += 1
        formats.add(c["case"].split("/")[0] if "/" in c["case"] else c["case"])
        problems = run_case(c, aidc, src, catalogue, a.verbose)
        if problems:
            failures += 1
            print(f"FAIL cases.tsv:{c['line']}: {c['case']}: aidc {c['args']}")
            for pr in problems:
                print(f"    {pr}")
        elif a.verbose:
            print(f"ok   cases.tsv:{c['line']}: {c['case']}")
    print(f"catalogue: {ran - failures} of {ran} cases passed ({len(formats)} input kinds)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
