using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Pace.Data.Seed;

/// <summary>
/// Writes entities into their table with PostgreSQL binary <c>COPY</c>. One writer for every entity: the table, the
/// columns, the store types and the value converters (enums as snake_case text) come from the EF model, so a new
/// column or entity needs no change here. Columns the database fills itself (<c>xmin</c>, generated and identity
/// columns) are left out.
/// </summary>
public sealed class ModelCopyWriter(IModel model)
{
    private readonly ConcurrentDictionary<Type, object> _plans = new();

    /// <summary>The columns <typeparamref name="T"/> is copied into, in order.</summary>
    public IReadOnlyList<string> ColumnsOf<T>()
        where T : class => PlanFor<T>().ColumnNames;

    public string TableOf<T>()
        where T : class => PlanFor<T>().Table;

    /// <summary>Copies <paramref name="rows"/> (streamed, enumerated once) and returns how many were written.</summary>
    public async Task<ulong> CopyAsync<T>(NpgsqlConnection connection, IEnumerable<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        var plan = PlanFor<T>();
        var importer = await connection.BeginBinaryImportAsync(plan.Command, cancellationToken);
        await using (importer)
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var write in plan.Writers)
                {
                    await write(importer, row, cancellationToken);
                }
            }

            return await importer.CompleteAsync(cancellationToken);
        }
    }

    private CopyPlan<T> PlanFor<T>()
        where T : class => (CopyPlan<T>)_plans.GetOrAdd(typeof(T), _ => CopyPlan<T>.Create(model));

    private sealed class CopyPlan<T>
        where T : class
    {
        private static readonly MethodInfo WriteMethod = typeof(NpgsqlBinaryImporter).GetMethods()
            .Single(m => m.Name == nameof(NpgsqlBinaryImporter.WriteAsync) && m.IsGenericMethodDefinition
                && m.GetParameters().Select(p => p.ParameterType).Skip(1).SequenceEqual([typeof(string), typeof(CancellationToken)]));

        private static readonly MethodInfo WriteNullMethod = typeof(NpgsqlBinaryImporter).GetMethod(
            nameof(NpgsqlBinaryImporter.WriteNullAsync), [typeof(CancellationToken)])!;

        private CopyPlan(string table, string command, IReadOnlyList<string> columnNames, IReadOnlyList<Func<NpgsqlBinaryImporter, T, CancellationToken, Task>> writers)
        {
            Table = table;
            Command = command;
            ColumnNames = columnNames;
            Writers = writers;
        }

        public string Table { get; }

        public string Command { get; }

        public IReadOnlyList<string> ColumnNames { get; }

        public IReadOnlyList<Func<NpgsqlBinaryImporter, T, CancellationToken, Task>> Writers { get; }

        public static CopyPlan<T> Create(IModel model)
        {
            var entityType = model.FindEntityType(typeof(T))
                ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
            var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
            var storeObject = StoreObjectIdentifier.Table(table, entityType.GetSchema());

            var names = new List<string>();
            var writers = new List<Func<NpgsqlBinaryImporter, T, CancellationToken, Task>>();
            foreach (var property in entityType.GetProperties())
            {
                // The database's own values: xmin (row version), generated columns (full_name), identities.
                if (property.ValueGenerated != ValueGenerated.Never)
                {
                    continue;
                }

                var column = property.GetColumnName(storeObject)
                    ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no column in {table}.");
                names.Add(column);
                writers.Add(CompileWriter(property, storeObject));
            }

            var schema = entityType.GetSchema() is { } s ? Quote(s) + "." : "";
            var command = $"COPY {schema}{Quote(table)} ({string.Join(", ", names.Select(Quote))}) FROM STDIN (FORMAT BINARY)";
            return new CopyPlan<T>(table, command, names, writers);
        }

        /// <summary>
        /// <c>(importer, row, ct) =&gt; row.P == null ? importer.WriteNullAsync(ct) : importer.WriteAsync(convert(row.P), "type", ct)</c>,
        /// typed all the way so values are not boxed.
        /// </summary>
        private static Func<NpgsqlBinaryImporter, T, CancellationToken, Task> CompileWriter(IProperty property, StoreObjectIdentifier storeObject)
        {
            var member = (MemberInfo?)property.PropertyInfo ?? property.FieldInfo
                ?? throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is a shadow property; COPY needs a CLR member.");
            var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
            var row = Expression.Parameter(typeof(T), "row");
            var cancellationToken = Expression.Parameter(typeof(CancellationToken), "cancellationToken");

            var access = Expression.MakeMemberAccess(row, member);
            var underlying = Nullable.GetUnderlyingType(access.Type);
            Expression value = underlying is null ? access : Expression.Property(access, nameof(Nullable<int>.Value));
            Expression? isNull = underlying is not null
                ? Expression.Not(Expression.Property(access, nameof(Nullable<int>.HasValue)))
                : access.Type.IsValueType ? null : Expression.ReferenceEqual(access, Expression.Constant(null, access.Type));

            var converter = property.GetTypeMapping().Converter;
            if (converter is not null)
            {
                var toProvider = converter.ConvertToProviderExpression;
                var argument = value.Type == toProvider.Parameters[0].Type ? value : Expression.Convert(value, toProvider.Parameters[0].Type);
                value = Expression.Invoke(toProvider, argument);
            }

            var dataTypeName = DataTypeName(property.GetColumnType(storeObject)
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no store type."));
            Expression write = Expression.Call(importer, WriteMethod.MakeGenericMethod(value.Type), value, Expression.Constant(dataTypeName), cancellationToken);
            if (isNull is not null)
            {
                write = Expression.Condition(isNull, Expression.Call(importer, WriteNullMethod, cancellationToken), write);
            }

            return Expression.Lambda<Func<NpgsqlBinaryImporter, T, CancellationToken, Task>>(write, importer, row, cancellationToken).Compile();
        }

        /// <summary>The store type without its facets: <c>character varying(200)</c> → <c>character varying</c>, <c>numeric(12,2)</c> → <c>numeric</c>.</summary>
        private static string DataTypeName(string storeType)
        {
            var builder = new StringBuilder(storeType.Length);
            var depth = 0;
            foreach (var c in storeType)
            {
                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                }
                else if (depth == 0)
                {
                    builder.Append(c);
                }
            }

            return builder.ToString().Trim();
        }

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
