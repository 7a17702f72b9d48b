from .payments import test_payments_on


def payment_mode(request):
    """Every page says so while the simulated checkout is on (no card is ever charged)."""
    return {"test_payments": test_payments_on()}
