"""Background tasks (后台任务): Django's Tasks framework (the `django-tasks` backport) with its database backend
by default and the Redis/RQ backend when `GONGKAI_TASKS_REDIS_URL` is set.

How another app runs work in the background (see `gongkai.tasks.api`):

- a plain task, e.g. sending mail::

      # gongkai/<app>/tasks.py  (every installed app's `tasks` module is imported by the worker)
      from gongkai.tasks.api import task

      @task()
      def deliver_outbox() -> int: ...

      deliver_outbox.enqueue()            # or api.enqueue(deliver_outbox) after the transaction commits

- a tracked task with progress a page shows and files kept for download::

      from gongkai.tasks.api import task, tracked

      @task()
      @tracked
      def import_register(job: Job) -> None:
          for n, (name, data) in enumerate(job.inputs(), 1):
              ...
              job.advance(n)
          job.keep("结果.xlsx", xlsx_bytes)

      api.start(import_register, kind="applications.import", title="导入台账", org=org, actor=user,
                inputs=[(name, data), ...])

The worker runs beside the web server (`gongkai serve`, `gongkai demo`) or on its own (`gongkai worker`).
"""
