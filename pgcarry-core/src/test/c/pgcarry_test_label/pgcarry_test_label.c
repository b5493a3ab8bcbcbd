/*
 * A security label provider for pgcarry's tests, named "pgcarry_test": PostgreSQL accepts SECURITY LABEL only for a
 * provider a loaded module registered, and none comes with the server. It accepts every label but "refused", so a
 * test can also see a label the target will not take.
 */
#include "postgres.h"

#include "commands/seclabel.h"
#include "fmgr.h"

PG_MODULE_MAGIC;

void _PG_init(void);

static void
pgcarry_test_check(const ObjectAddress *object, const char *label)
{
	if (label != NULL && strcmp(label, "refused") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("pgcarry_test refuses the label \"refused\"")));
}

void
_PG_init(void)
{
	register_label_provider("pgcarry_test", pgcarry_test_check);
}
