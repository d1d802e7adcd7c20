namespace Glance.Testing;

/// <summary>
/// The example of Glance's property-protections document, in the roles format, with a catch-all last: the rules the
/// domain tests check section by section and the API test loads from a file (linked into each test project), so that
/// both prove the same rules.
/// </summary>
internal static class PropertyProtectionsExample
{
    public const string Roles = """
        # billing codes: set by admins, read by project members
        [^x_billing_.*]
        create = admin
        read = admin,member
        update = admin
        delete = admin

        ; written once, then read-only for everyone
        [^x_ro_.*]
        create = admin,member
        read = @
        update = !
        delete = !

        [^x_secret_.*]
        create = member
        read = admin
        update = admin
        delete = admin

        [.*]
        create = @
        read = @
        update = @
        delete = @
        """;
}
