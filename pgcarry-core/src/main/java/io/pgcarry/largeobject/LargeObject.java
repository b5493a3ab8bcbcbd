package io.pgcarry.largeobject;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One large object as the catalog describes it (its content is read apart, in pieces).
 *
 * @param oid     its OID, which every copy keeps: applications store it in their rows
 * @param owner   its owner's role name; null where privileges are not carried
 * @param comment its comment, or null
 * @param grants  its access list, or null for the default one (the owner's alone) and where privileges are not carried
 */
public record LargeObject(long oid, String owner, String comment, List<Grant> grants) {
    /** The largest OID: OIDs are unsigned 32-bit numbers. */
    public static final long MAX_OID = 0xFFFF_FFFFL;

    public LargeObject {
        if (oid < 1 || oid > MAX_OID) {
            throw new IllegalArgumentException("a large object's OID is between 1 and " + MAX_OID + ", not " + oid);
        }
        grants = grants == null ? null : List.copyOf(grants);
    }

    /**
     * One entry of an access list.
     *
     * @param grantee   the role granted to, or null for PUBLIC
     * @param privilege SELECT or UPDATE, the only privileges of a large object
     * @param grantable whether the grantee may grant it on
     */
    public record Grant(String grantee, String privilege, boolean grantable) {
        public static final Set<String> PRIVILEGES = Set.of("SELECT", "UPDATE");

        public Grant {
            if (!PRIVILEGES.contains(privilege)) {
                throw new IllegalArgumentException("a large object's privilege is SELECT or UPDATE, not " + privilege);
            }
        }

        String granteeSql() {
            return grantee == null ? "PUBLIC" : Identifiers.quote(grantee);
        }
    }

    /** The same object without owner and grants: what is carried without {@code --with-privileges}. */
    public LargeObject withoutPrivileges() {
        return new LargeObject(oid, null, comment, null);
    }

    /**
     * What follows the creation and the content: the comment, the owner, then the grants, which replace the defaults
     * (so everything is revoked from PUBLIC and the owner first). The owner is set after the content, which the
     * creating role writes as the object's first owner.
     */
    public List<String> statements() {
        List<String> sql = new ArrayList<>();
        String target = "LARGE OBJECT " + oid;
        if (comment != null) {
            sql.add("COMMENT ON " + target + " IS " + Identifiers.literal(comment));
        }
        if (owner != null) {
            sql.add("ALTER " + target + " OWNER TO " + Identifiers.quote(owner));
        }
        if (grants != null) {
            sql.add("REVOKE ALL ON " + target + " FROM PUBLIC");
            if (owner != null) {
                sql.add("REVOKE ALL ON " + target + " FROM " + Identifiers.quote(owner));
            }
            for (Grant grant : grants) {
                sql.add("GRANT " + grant.privilege() + " ON " + target + " TO " + grant.granteeSql()
                        + (grant.grantable() ? " WITH GRANT OPTION" : ""));
            }
        }
        return sql;
    }
}
