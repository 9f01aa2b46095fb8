"""Schemathesis hooks for scripts/ops/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

The admin's run signs in once and tests with that one token. Two operations end every
session of the account they name: a password reset, and a change of role or a disable. Aimed
at the run's own admin, which schemathesis does once it has read the users list, they ended
the token it was testing with, and every later request of the run was only refused (401):
a run that passed while testing nothing. Aimed at the run's own account, they are aimed at a
stand-in admin instead, an account the script makes for this, so the requests still go out
and every check still runs on the answers.
"""

import os

import schemathesis

# What the script passes: the signed-in admin's account id, and the stand-in's.
OWN_ACCOUNT = os.environ.get("SCHEMATHESIS_OWN_ACCOUNT")
STAND_IN_ACCOUNT = os.environ.get("SCHEMATHESIS_STAND_IN_ACCOUNT")
ENDS_SESSIONS = {"PATCH /api/users/{id}", "POST /api/users/{id}/password"}


@schemathesis.hook
def before_call(ctx, case, kwargs):
    if not OWN_ACCOUNT or case.operation.label not in ENDS_SESSIONS:
        return
    if case.path_parameters.get("id") == OWN_ACCOUNT:
        case.path_parameters["id"] = STAND_IN_ACCOUNT
