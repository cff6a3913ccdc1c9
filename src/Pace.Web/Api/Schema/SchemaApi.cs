using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Pace.Common;
using Pace.Data;
using Pace.Web.Identity;

namespace Pace.Web.Api.Schema;

public sealed record SchemaField(
    string Name, string Column, string Type, string? Format, bool Nullable, int? MaxLength, IReadOnlyList<string>? Enum, SchemaType? Items,
    bool IsKey, bool Filterable, bool Sortable);

/// <summary>The element type of an array field.</summary>
public sealed record SchemaType(string Type, string? Format, IReadOnlyList<string>? Enum);

/// <summary>
/// <c>many_to_one</c>: this entity's <see cref="Fields"/> hold the id of a <see cref="Target"/>;
/// <c>one_to_many</c>: <see cref="Target"/>'s <see cref="Fields"/> hold this entity's id.
/// </summary>
public sealed record SchemaRelation(string Name, string Kind, string Target, IReadOnlyList<string> Fields, bool Required);

public sealed record SchemaList(string Endpoint, IReadOnlyList<ListFilter> Filters, IReadOnlyList<ListSort> Sorts);

public sealed record SchemaEntity(string Name, string Table, IReadOnlyList<SchemaField> Fields, IReadOnlyList<SchemaRelation> Relations, IReadOnlyList<SchemaList> Lists);

public sealed record SchemaDocument(IReadOnlyList<SchemaEntity> Entities);

/// <summary>
/// <c>/api/v1/schema</c> (INTF-AI-02): the entities of the Pace DB as the AI suite needs them to ask questions of the
/// API: fields with JSON types and the enum values the API spells, relations from the foreign keys, and which fields the
/// list endpoints filter and sort by (<see cref="ListCapabilities"/>). Generated from the EF model, so a new column appears
/// without anyone writing it down; operational tables and secrets (hashes, key material) are left out.
/// </summary>
public static class SchemaApi
{
    /// <summary>Tables of the machinery, not of the business: nothing an AI question is about, and some hold key material.</summary>
    private static readonly HashSet<string> HiddenEntities = new(StringComparer.Ordinal)
    {
        "SigningKey", "DataProtectionKey", "UserSession", "IdempotencyRecord", "OutboxMessage", "InboundWebhook", "Setting",
    };

    private static readonly string[] SecretMarks = ["Hash", "Secret", "Encrypted", "PrivateKey", "Password"];

    public static RouteGroupBuilder MapSchemaApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.ApiReader);
        group.MapGet("/", (PaceDbContext db) => TypedResults.Ok(Describe(db.Model))).WithName("GetSchema");
        return group;
    }

    /// <summary>Whether a property is a secret that no description may show (the name says what it holds).</summary>
    public static bool IsSecret(IReadOnlyProperty property) =>
        SecretMarks.Any(m => property.Name.Contains(m, StringComparison.Ordinal)) || property.GetColumnName() == "xml";

    public static SchemaDocument Describe(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entities = model.GetEntityTypes()
            .Where(e => !e.IsOwned() && !HiddenEntities.Contains(e.ClrType.Name))
            .OrderBy(e => e.ClrType.Name, StringComparer.Ordinal)
            .Select(Entity)
            .ToList();
        return new SchemaDocument(entities);
    }

    private static SchemaEntity Entity(IEntityType entity)
    {
        var lists = ListCapabilities.All.Where(l => l.Entity == entity.ClrType).ToList();
        var filtered = lists.SelectMany(l => l.Filters).SelectMany(f => f.Fields).ToHashSet(StringComparer.Ordinal);
        var sorted = lists.SelectMany(l => l.Sorts).SelectMany(s => s.Fields).ToHashSet(StringComparer.Ordinal);
        var key = entity.FindPrimaryKey()?.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var fields = entity.GetProperties()
            .Where(p => !IsSecret(p) && p.GetColumnName() != "xmin" && !p.IsShadowProperty())
            .Select(p =>
            {
                var name = FieldName(p.Name);
                var (type, format, values, items) = TypeOf(p);
                return new SchemaField(name, p.GetColumnName(), type, format, p.IsNullable, p.GetMaxLength(), values, items,
                    key.Contains(p.Name), filtered.Contains(name), sorted.Contains(name));
            })
            .ToList();
        var relations = entity.GetForeignKeys()
            .Where(fk => Visible(fk.PrincipalEntityType))
            .Select(fk => new SchemaRelation(
                RelationName(fk.DependentToPrincipal?.Name, fk.Properties), "many_to_one", EntityName(fk.PrincipalEntityType),
                [.. fk.Properties.Select(p => FieldName(p.Name))], fk.IsRequired))
            .Concat(entity.GetReferencingForeignKeys()
                .Where(fk => Visible(fk.DeclaringEntityType))
                .Select(fk => new SchemaRelation(
                    fk.PrincipalToDependent?.Name is { } navigation ? FieldName(navigation) : ReverseName(fk),
                    "one_to_many", EntityName(fk.DeclaringEntityType), [.. fk.Properties.Select(p => FieldName(p.Name))], fk.IsRequired)))
            .ToList();
        return new SchemaEntity(EntityName(entity), entity.GetTableName() ?? "", fields, relations,
            [.. lists.Select(l => new SchemaList($"{l.Method} {l.Route}", l.Filters, l.Sorts))]);
    }

    private static bool Visible(IEntityType entity) => !entity.IsOwned() && !HiddenEntities.Contains(entity.ClrType.Name);

    public static string EntityName(IReadOnlyTypeBase entity) => SnakeCase.Of(entity.ClrType.Name);

    private static string FieldName(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    /// <summary><c>AssignedAgentId</c> → <c>assignedAgent</c>: the relation is named after its key when the model has no navigation.</summary>
    private static string RelationName(string? navigation, IReadOnlyList<IProperty> properties)
    {
        if (navigation is not null)
        {
            return FieldName(navigation);
        }

        var name = properties[0].Name;
        return FieldName(name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 ? name[..^2] : name);
    }

    /// <summary>
    /// The records of another entity that point to this one, named after their table (<c>viewings</c>), and after the
    /// key as well when that entity points here more than once (<c>viewingsByCreatedBy</c>).
    /// </summary>
    private static string ReverseName(IForeignKey fk)
    {
        var table = string.Concat((fk.DeclaringEntityType.GetTableName() ?? EntityName(fk.DeclaringEntityType))
            .Split('_').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
        var several = fk.DeclaringEntityType.GetForeignKeys().Count(other => other.PrincipalEntityType == fk.PrincipalEntityType) > 1;
        if (!several)
        {
            return table;
        }

        var key = fk.Properties[0].Name;
        return table + "By" + (key.EndsWith("Id", StringComparison.Ordinal) && key.Length > 2 ? key[..^2] : key);
    }

    private static (string Type, string? Format, IReadOnlyList<string>? Enum, SchemaType? Items) TypeOf(IProperty property)
    {
        if (property.GetColumnType() is "jsonb" or "json")
        {
            return ("object", "json", null, null);
        }

        var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (clr != typeof(byte[]) && (clr.IsArray || (clr.IsGenericType && clr.GetGenericTypeDefinition() == typeof(List<>))))
        {
            var element = clr.IsArray ? clr.GetElementType()! : clr.GetGenericArguments()[0];
            var (type, format, values) = Scalar(element);
            return ("array", null, null, new SchemaType(type, format, values));
        }

        var (t, f, e) = Scalar(clr);
        return (t, f, e, null);
    }

    /// <summary>The JSON type of a CLR type as the API writes it (enums as their snake_case names).</summary>
    public static (string Type, string? Format, IReadOnlyList<string>? Enum) Scalar(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return ("string", null, [.. Enum.GetNames(type).Select(SnakeCase.Of)]);
        }

        return type switch
        {
            _ when type == typeof(string) => ("string", null, null),
            _ when type == typeof(Guid) => ("string", "uuid", null),
            _ when type == typeof(bool) => ("boolean", null, null),
            _ when type == typeof(short) => ("integer", "int16", null),
            _ when type == typeof(int) => ("integer", "int32", null),
            _ when type == typeof(long) => ("integer", "int64", null),
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => ("number", null, null),
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => ("string", "date-time", null),
            _ when type == typeof(DateOnly) => ("string", "date", null),
            _ when type == typeof(TimeOnly) => ("string", "time", null),
            _ when type == typeof(byte[]) => ("string", "byte", null),
            _ => ("string", null, null),
        };
    }
}
