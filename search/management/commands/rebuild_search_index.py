from django.core.management.base import BaseCommand

from search.indexing import index_events, index_releases


class Command(BaseCommand):
    help = "Rebuild the search documents of every release and event."

    def handle(self, *args, **options):
        releases = index_releases()
        events = index_events()
        self.stdout.write(f"Indexed {releases} releases and {events} events.")
