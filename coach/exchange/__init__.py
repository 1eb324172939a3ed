"""File formats in and out of Coach: exercise and programme files, images, CSV and FHIR. No Qt."""
