#!/usr/bin/env python3
"""Convert one year of the UCI PM2.5 hourly weather columns to an aidcsim climate CSV.

Input: a CSV in the layout of either UCI data set (only the named columns are read;
any other columns, and their order, are ignored):

  * "Beijing PM2.5 Data" (PRSA_data_2010.1.1-2014.12.31.csv):
      No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES,cbwd,Iws,Is,Ir
  * "PM2.5 Data of Five Chinese Cities" (<City>PM20100101_20151231.csv):
      No,year,month,day,hour,season,PM_...,DEWP,HUMI,PRES,TEMP,cbwd,Iws,precipitation,Iprec

DEWP is the dew point and TEMP the dry-bulb temperature, both in degrees Celsius; missing
values are "NA" or empty. A column subset (No,year,month,day,hour,DEWP,TEMP) of either file
converts identically.

Output: `hour,dry_bulb_c,dew_point_c` for the 8,760 hours of the chosen year in local
time (China Standard Time, UTC+8, as in the source), preceded by the `# name:`,
`# source:` and `# synthetic: false` lines that tools/schema/energy_loader.cpp reads and by
comment lines recording what this script changed:

  * hours missing from the file, or with DEWP or TEMP missing, are filled by linear
    interpolation in time between the nearest observed hours of the same column (the
    nearest observed value at the start or end of the year); the count and the longest
    run are written to the header;
  * a dew point above the dry bulb (an observation inconsistency; the loader rejects
    dew points more than 0.2 K above the dry bulb) is lowered to the dry bulb, counted;
  * 29 February of a leap year is dropped (the loader wants exactly 8,760 hours), noted.

Values are written with one decimal, in the source units (degrees Celsius). Python 3
standard library only.

Example:
  python3 scenarios/climate/convert_uci_pm25.py PRSA_data_2010.1.1-2014.12.31.csv \\
      --year 2010 --name beijing-2010 --source "..." -o scenarios/climate/beijing-2010.csv
"""

import argparse
import csv
import datetime as dt
import sys


def parse_value(text):
    text = (text or "").strip()
    if text in ("", "NA", "NaN", "nan"):
        return None
    return float(text)


def read_year(path, year):
    """Returns {datetime: (dew_point, dry_bulb)} for the rows of `year` (values may be None)."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        need = {"year", "month", "day", "hour", "DEWP", "TEMP"}
        missing = need - set(reader.fieldnames or [])
        if missing:
            sys.exit(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            if int(row["year"]) != year:
                continue
            t = dt.datetime(year, int(row["month"]), int(row["day"]), int(row["hour"]))
            if t in out:
                sys.exit(f"{path}: hour {t} appears twice")
            out[t] = (parse_value(row["DEWP"]), parse_value(row["TEMP"]))
    return out


def fill_gaps(values):
    """Linear interpolation over None runs; returns (filled values, filled count, longest run)."""
    n = len(values)
    known = [i for i, v in enumerate(values) if v is not None]
    if not known:
        sys.exit("no observed values in the selected year")
    out = list(values)
    filled = longest = run = 0
    for i in range(n):
        if values[i] is None:
            filled += 1
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    # Before the first and after the last observation: hold the nearest observed value.
    for i in range(known[0]):
        out[i] = values[known[0]]
    for i in range(known[-1] + 1, n):
        out[i] = values[known[-1]]
    for a, b in zip(known, known[1:]):
        for i in range(a + 1, b):
            out[i] = values[a] + (values[b] - values[a]) * (i - a) / (b - a)
    return out, filled, longest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="UCI CSV (or its column subset)")
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--name", required=True, help="climate name written to '# name:'")
    ap.add_argument("--source", required=True, help="provenance and licence, written to '# source:'")
    ap.add_argument("--note", action="append", default=[], help="extra '# ' comment line (repeatable)")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()

    rows = read_year(args.input, args.year)
    hours = []
    t = dt.datetime(args.year, 1, 1)
    leap_dropped = 0
    while t.year == args.year:
        if t.month == 2 and t.day == 29:
            leap_dropped += 1
        else:
            hours.append(t)
        t += dt.timedelta(hours=1)
    if len(hours) != 8760:
        sys.exit(f"internal: {len(hours)} hours")
    absent = sum(1 for h in hours if h not in rows)
    dew = [rows.get(h, (None, None))[0] for h in hours]
    dry = [rows.get(h, (None, None))[1] for h in hours]
    dry_f, dry_filled, dry_run = fill_gaps(dry)
    dew_f, dew_filled, dew_run = fill_gaps(dew)
    clamped = 0
    for i in range(len(hours)):
        if dew_f[i] > dry_f[i]:
            dew_f[i] = dry_f[i]
            clamped += 1

    dry_r = [round(v, 1) for v in dry_f]
    dew_r = [min(round(v, 1), d) for v, d in zip(dew_f, dry_r)]
    mean = sum(dry_r) / len(dry_r)
    hot = max(range(len(dry_r)), key=lambda i: (dry_r[i], -i))
    with open(args.output, "w", encoding="utf-8", newline="\n") as o:
        o.write(f"# name: {args.name}\n# source: {args.source}\n# synthetic: false\n")
        o.write(f"# OBSERVED hourly weather, calendar year {args.year}, local time UTC+8; not a typical year.\n")
        o.write(f"# Converted by scenarios/climate/convert_uci_pm25.py from the DEWP and TEMP columns (degC).\n")
        o.write(f"# Filled by linear interpolation: dry bulb {dry_filled} h (longest run {dry_run} h), "
                f"dew point {dew_filled} h (longest run {dew_run} h); rows absent from the file: {absent}.\n")
        o.write(f"# Dew point lowered to the dry bulb: {clamped} h. Leap-day hours dropped: {leap_dropped}.\n")
        for note in args.note:
            o.write(f"# {note}\n")
        o.write("hour,dry_bulb_c,dew_point_c\n")
        for i in range(len(hours)):
            o.write(f"{i},{dry_r[i]:.1f},{dew_r[i]:.1f}\n")
    print(f"{args.output}: mean dry bulb {mean:.2f} C, min {min(dry_r):.1f}, max {dry_r[hot]:.1f} at hour {hot} "
          f"({hours[hot]:%m-%d %H:00}); filled dry {dry_filled} dew {dew_filled} (longest {max(dry_run, dew_run)} h); "
          f"dew clamped {clamped}")


if __name__ == "__main__":
    main()
