"""The gradebook designer: a participant's grading plans, the letter rule, the sample class and the workbook."""
