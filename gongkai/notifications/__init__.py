"""E-mail notifications (邮件通知): applicants told at every step of their request, staff told when something
waits for them or comes back. Every mail is a row of a durable outbox (`models.Mail`), composed from the audit
trail's entries (`compose`) and delivered through Django's mail framework by a background task (`delivery`)."""
