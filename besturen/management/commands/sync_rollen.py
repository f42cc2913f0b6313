from django.core.management.base import BaseCommand

from besturen.services import sync_regio_rechten, sync_rollen


class Command(BaseCommand):
    help = (
        "Zet elk account in de groepen van zijn lopende lidmaatschappen en haalt het uit de rest (dagelijks)."
    )

    def handle(self, *args, **options):
        added, removed = sync_rollen(reden="sync_rollen")
        self.stdout.write(f"Rollen bijgewerkt: {added} toegekend, {removed} ingetrokken.")
        added, removed = sync_regio_rechten(reden="sync_rollen")
        self.stdout.write(f"Rechten van raden op regio's: {added} toegekend, {removed} ingetrokken.")
