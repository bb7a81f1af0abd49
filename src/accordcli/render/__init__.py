"""Output: views of the model, and the formats that write them.

- views.py builds what a command shows (a listing, a record in full, the timeline, a
  chart, validate's report) from the model; records.py holds the records' typed shapes.
- registry.py lists the formats; each is one renderer module: table.py (with lines.py in
  a pipe and terminal.py on a terminal), json.py, ndjson.py, csv.py, markdown.py,
  timelinejs.py, chart.py and report.py.
"""
