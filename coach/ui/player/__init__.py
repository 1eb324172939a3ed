"""The guided session player: the pre-session check, the running session, the questions after
McKenzie exercises and after the session, and the summary, in one window readable from a mat."""
