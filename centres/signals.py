"""Events of the centres app that higher apps react to, without centres importing them.

`case_role_lost` is sent, inside the transaction, when a person's last case role
(manager, social worker or legal advisor) in a centre is removed. Arguments: `centre`,
`user` (who lost it) and `by` (who removed it). The grievance app unassigns the person.
"""

from django.dispatch import Signal

case_role_lost = Signal()
