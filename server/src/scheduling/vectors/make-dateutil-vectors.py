#!/usr/bin/env python3
"""Reference occurrences for recurrence tests, from python-dateutil (Debian's python3-dateutil) and the system
zoneinfo. Run from this folder: `python3 make-dateutil-vectors.py > dateutil-vectors.json`. The tests read the
JSON only (they run in Node); this script is how it was made.

Each case: the zone, DTSTART's wall clock, the RRULE, and the occurrences as UTC instants. dateutil yields
DTSTART only when the rule matches it and COUNT counts what it yields: Carebook's product rule. Wall-clock times
are resolved with fold=0, i.e. an ambiguous time is the earlier instant and a gap time moves forward, as
Temporal's 'compatible' disambiguation does.
"""
import json
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

# Wall times equal to the UTC time of day of a transition in that zone: the first zone-offset lookup of an
# expansion then falls exactly on a transition instant.
TRANSITION_TIMES = [
    ("Australia/Sydney", "16:00"),
    ("America/New_York", "06:00"),
    ("America/New_York", "07:00"),
    ("Europe/London", "01:00"),
    ("Australia/Lord_Howe", "15:00"),
    ("Australia/Lord_Howe", "15:30"),
    ("Pacific/Chatham", "14:00"),
]
SHAPES = [
    "FREQ=DAILY;UNTIL=20271231T235959Z",
    "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20271231T235959Z",
    "FREQ=MONTHLY;BYDAY=1SU,2SU,-1SU;UNTIL=20271231T235959Z",
]

# The product rule's cases (issue 10 §3): starts the rule does not match, with COUNT.
PRODUCT_CASES = [
    ("Australia/Sydney", "2026-03-02T09:00", "FREQ=WEEKLY;BYDAY=MO;COUNT=4"),
    ("Australia/Sydney", "2027-02-28T09:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2"),
    ("Australia/Sydney", "2026-03-09T09:00", "FREQ=MONTHLY;BYDAY=1MO;COUNT=3"),
    ("Australia/Sydney", "2026-03-10T09:00", "FREQ=MONTHLY;BYDAY=1TU;COUNT=3"),
    ("Australia/Sydney", "2026-03-02T09:00", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"),
    ("Australia/Sydney", "2026-03-31T09:00", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"),
    ("Europe/London", "2026-03-02T09:00", "FREQ=DAILY;BYHOUR=10;COUNT=3"),
    ("Europe/London", "2026-03-02T10:00", "FREQ=DAILY;BYHOUR=10;COUNT=3"),
    ("America/New_York", "2026-03-01T09:00", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260331T000000Z"),
]


def case(zone, local, rule):
    tz = ZoneInfo(zone)
    start = datetime.fromisoformat(local).replace(tzinfo=tz)
    occurrences = [
        o.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for o in rrulestr(rule, dtstart=start)
    ]
    return {"zone": zone, "start": local, "rrule": rule, "occurrences": occurrences}


print(
    json.dumps(
        {
            "generator": "python-dateutil rrulestr with zoneinfo; make-dateutil-vectors.py",
            "transitionTimeRules": [
                case(zone, f"2026-01-03T{time}", shape) for zone, time in TRANSITION_TIMES for shape in SHAPES
            ],
            "productRule": [case(zone, local, rule) for zone, local, rule in PRODUCT_CASES],
        },
        indent=1,
    )
)
