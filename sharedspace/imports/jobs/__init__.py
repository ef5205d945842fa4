"""Audits of uploaded records in the browser (issue 5): the import job, its background
task, and where its file waits.

Bird's-eye view: the upload page calls `jobs.upload_check`, which keeps the file in the data
folder (files.py) and checks what can be checked at once, outside any transaction; then
`jobs.job_make`, which makes an `ImportJob` and queues the `run_import` task (tasks.py,
django-tasks' database backend). `jobs.job_start` does both. The worker runs `run.run_job`,
which streams the file through the same importers and audit as `sharedspace audit-import`,
writes its progress on the job every few hundred records, keeps the report JSON on the job
and every skipped row in a CSV file, and deletes the upload. Unlike the rest of
`sharedspace.imports`, this package is a Django app (label `import_jobs`): the importers
themselves stay plain Python. Why it is shaped like this: docs/adr/0015-upload-imports.md.
"""
