from django.urls import path

from . import views

app_name = "attachments"

urlpatterns = [
    path("media/<str:kind>/<str:key>/<str:name>", views.serve, name="serve"),
    path("ckeditor5/image-upload/", views.ckeditor_upload, name="ckeditor_upload"),
]
