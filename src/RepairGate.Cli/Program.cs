Console.WriteLine("repairgate");
