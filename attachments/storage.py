"""Media in a private S3-compatible bucket (``NEWSROOM_MEDIA_STORAGE=s3``).

Files of a scheduled or withdrawn release must not be reachable, so the bucket
stays private (no public-read ACL) and nothing links to it: every address the
site writes is our own ``/media/...`` view, which checks that the file may be seen
and then streams it from the bucket (``default_storage.open``). A presigned S3
address would be readable by anyone who has it until it expires, withdrawal or not.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        """The address of our media view, exactly as the file system storage gives it."""
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
