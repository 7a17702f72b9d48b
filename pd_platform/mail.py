"""The console e-mail backend of the embedded set-up: each message as a person would read it,
with an attachment shown as one line (its name, type and size) instead of pages of base64."""

from django.core.mail.backends.console import EmailBackend
from django.template.defaultfilters import filesizeformat

SEPARATOR = "-" * 79


def _attachment_line(attachment):
    if isinstance(attachment, tuple):  # (filename, content, mimetype), or MIMEBase below
        name, content, mimetype = (tuple(attachment) + (None, None, None))[:3]
        size = len(content.encode() if isinstance(content, str) else content or b"")
    else:
        name = attachment.get_filename() or "(unnamed)"
        mimetype = attachment.get_content_type()
        size = len(attachment.get_payload(decode=True) or b"")
    return f"[Attached: {name} ({mimetype or 'unknown type'}, {filesizeformat(size)})]"


def readable(message):
    """The message's headers, its text, and a line for each attachment and HTML version."""
    lines = [f"From: {message.from_email}", f"To: {', '.join(message.to)}"]
    if message.cc:
        lines.append(f"Cc: {', '.join(message.cc)}")
    if message.reply_to:
        lines.append(f"Reply-To: {', '.join(message.reply_to)}")
    lines += [f"Subject: {message.subject}", "", str(message.body).rstrip("\n"), ""]
    for _content, mimetype in getattr(message, "alternatives", []) or []:
        lines.append(f"[Also as {mimetype}]")
    lines += [_attachment_line(attachment) for attachment in message.attachments]
    lines.append(SEPARATOR)
    return "\n".join(lines) + "\n"


class ConsoleBackend(EmailBackend):
    def write_message(self, message):
        self.stream.write(readable(message))
