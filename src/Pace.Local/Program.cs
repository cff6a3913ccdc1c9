using Pace.Data;
using Pace.Local;

if (args is ["model-sql", var db])
{
    Console.Write(ModelSql.Generate(db == "pace_ai" ? PaceDatabase.PaceAi : PaceDatabase.Pace));
    return 0;
}

Console.Error.WriteLine("usage: pace-local model-sql pace|pace_ai");
return 2;
