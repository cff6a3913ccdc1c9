using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pace.Common;

namespace Pace.Data.Common;

/// <summary>
/// The conventions both databases follow, applied after the entity configurations: snake_case names for tables,
/// columns, keys, foreign keys and indexes; enums stored as snake_case text with a check constraint listing the
/// allowed values; <see cref="IVersioned.Version"/> mapped to <c>xmin</c>.
/// </summary>
public static class ModelConventions
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().ToList())
        {
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).Property<uint>(nameof(IVersioned.Version))
                    .IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
            }
        }

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} has no table.");
            foreach (var property in entity.GetProperties())
            {
                if (property.FindAnnotation(RelationalAnnotationNames.ColumnName) is null)
                {
                    property.SetColumnName(ToSnakeCase(property.Name));
                }

                var enumType = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (enumType.IsEnum)
                {
                    var converter = (ValueConverter)Activator.CreateInstance(typeof(SnakeCaseEnumConverter<>).MakeGenericType(enumType))!;
                    property.SetValueConverter(converter);
                    property.SetColumnType("text");
                    var column = property.GetColumnName();
                    var values = string.Join(", ", Enum.GetNames(enumType).Select(n => $"'{ToSnakeCase(n)}'"));
                    entity.AddCheckConstraint($"ck_{table}_{column}", $"{column} IN ({values})");
                }
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(key.IsPrimaryKey() ? $"pk_{table}" : $"ak_{table}_{Columns(key.Properties)}");
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName($"fk_{table}_{Columns(foreignKey.Properties)}");
            }

            foreach (var index in entity.GetIndexes())
            {
                if (index.FindAnnotation(RelationalAnnotationNames.Name) is null)
                {
                    index.SetDatabaseName($"{(index.IsUnique ? "ux" : "ix")}_{table}_{Columns(index.Properties)}");
                }
            }
        }
    }

    private static string Columns(IEnumerable<IReadOnlyProperty> properties) =>
        string.Join("_", properties.Select(p => p.GetColumnName()));

    /// <summary>See <see cref="SnakeCase.Of(string)"/>: columns and enum values are spelled as the API spells them.</summary>
    public static string ToSnakeCase(string name) => SnakeCase.Of(name);
}

/// <summary>Stores an enum as its snake_case name (<c>OffPlan</c> → <c>off_plan</c>): readable, and safe to reorder.</summary>
public sealed class SnakeCaseEnumConverter<TEnum> : ValueConverter<TEnum, string>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> ToText =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => ModelConventions.ToSnakeCase(v.ToString()));

    private static readonly Dictionary<string, TEnum> FromText = ToText.ToDictionary(p => p.Value, p => p.Key);

    public SnakeCaseEnumConverter()
        : base(v => ToText[v], v => FromText[v])
    {
    }
}
