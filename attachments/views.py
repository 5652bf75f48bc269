"""Serving images and documents, and the editor's image upload.

Media are never served as static files: every request asks whether the file's
release or event may be seen (live, previewed by someone who may see it unpublished
(workflow/permissions.py), or a valid embargo link for that release). In production
the check stays here and the bytes are sent by the web server
(``NEWSROOM_MEDIA_ACCEL_REDIRECT``); see docs/deploy in the README.
"""

import mimetypes

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from releases.models import EmbargoLink, PressRelease
from workflow.permissions import has_model_permission, is_verified, may_preview

from .models import Document, Image


def _attachment(kind, key):
    model = {"images": Image, "documents": Document}.get(kind)
    if model is None:
        return None
    return model.objects.select_related("release", "event").filter(key=key).first()


def _embargo_allows(request, item):
    """A valid embargo link for the item's release, or for the release whose text
    shows the image (uploaded in the editor)."""
    token = request.GET.get("embargo")
    link = EmbargoLink.from_token(token) if token else None
    if link is None or not link.is_valid():
        return False
    if item.release_id is not None:
        return link.release_id == item.release_id
    return (
        isinstance(item, Image)
        and PressRelease.objects.filter(pk=link.release_id)
        .filter(item.embedded_in("body"))
        .exists()
    )


@require_safe
def serve(request, kind, key, name):
    item = _attachment(kind, key)
    path = f"{kind}/{key}/{name}"
    if item is None or path not in item_paths(item):
        raise Http404
    public = item.is_public()
    if not (public or may_preview_file(request.user, item) or _embargo_allows(request, item)):
        raise Http404  # not "forbidden": a private file does not exist for the public
    content_type = getattr(item, "content_type", "") or mimetypes.guess_type(name)[0]
    if settings.NEWSROOM_MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        internal = settings.NEWSROOM_MEDIA_ACCEL_REDIRECT.rstrip("/")
        response["X-Accel-Redirect"] = f"{internal}/{path}"
    else:
        if not default_storage.exists(path):
            raise Http404
        response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if kind == "documents":
        response["Content-Disposition"] = f'inline; filename="{name}"'
    if public:
        # Caches may keep it but must ask again each time: a withdrawn release's
        # files stop at once, not at the end of a max-age.
        patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def item_paths(item):
    return item.paths if isinstance(item, Image) else [item.file.name]


def may_preview_file(user, item):
    """The file's own model, and its release's or event's, may be previewed by ``user``."""
    owner = item.workflow_owner
    return may_preview(user, type(item)) and (owner is None or may_preview(user, type(owner)))


@require_POST
def ckeditor_upload(request):
    """CKEditor 5's image upload: for those who may add images, CSRF-checked,
    validated and processed like every image; stored under a generated name. Errors
    are messages, not 500s."""
    user = request.user
    if not (
        user.is_authenticated and has_model_permission(user, "add", Image) and is_verified(user)
    ):
        return JsonResponse({"error": {"message": _("You may not upload images.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "No file."}}, status=400)
    image = Image(file=upload)
    try:
        image.full_clean(exclude=["release", "event"])
        image.save()
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    # CKEditor 5 turns "urls" into the image's srcset (keys are widths).
    urls = {str(r["width"]): default_storage.url(r["jpeg"]) for r in image.renditions}
    urls["default"] = default_storage.url(image.fallback()["jpeg"])
    return JsonResponse({"urls": urls})
