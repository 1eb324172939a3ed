"""The Progress page's parts: the chart, the summary tiles and the "What helps?" text."""
