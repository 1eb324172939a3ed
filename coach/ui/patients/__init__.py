"""The caseload on screen: the Patients page's table, its dialogs, the banner and switcher."""
