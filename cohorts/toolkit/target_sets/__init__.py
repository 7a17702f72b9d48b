"""The learning-target builder: a participant's target sets, their Goldilocks checks and their exports."""
