namespace SafeguardingPortal.Features.Consent;

/// <summary>A template as the editor holds it.</summary>
public sealed class ConsentTemplateModel
{
    public string Name { get; set; } = "";

    public ConsentAudience Audience { get; set; }

    public string Title { get; set; } = "";

    public string Introduction { get; set; } = "";

    public string ChildIntroduction { get; set; } = "";

    public List<ConsentItemModel> Items { get; set; } = [];

    public Guid Version { get; set; }
}

public sealed class ConsentItemModel
{
    public ConsentItemKind Kind { get; set; } = ConsentItemKind.TakePartOnline;

    public string Label { get; set; } = "";

    public string Explanation { get; set; } = "";

    public string ChildExplanation { get; set; } = "";

    public bool Required { get; set; }
}

/// <summary>The rules for consent templates; the editor shows them beside each field and the service enforces them.</summary>
public static class ConsentTemplateValidator
{
    public const int NameMaxLength = 120;
    public const int TitleMaxLength = 200;
    public const int LabelMaxLength = 120;
    public const int TextMaxLength = 4000;
    public const int MaxItems = 20;

    public static IReadOnlyDictionary<string, string> Validate(ConsentTemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string>();
        Required(errors, nameof(model.Name), model.Name, NameMaxLength, "Enter a name staff will recognise, like “Sharing photos and videos”.");
        Required(errors, nameof(model.Title), model.Title, TitleMaxLength, "Enter the heading people will see on the form.");
        Required(errors, nameof(model.Introduction), model.Introduction, TextMaxLength, "Enter an introduction that says what the form is for.");
        Optional(errors, nameof(model.ChildIntroduction), model.ChildIntroduction, TextMaxLength);
        if (!Enum.IsDefined(model.Audience))
        {
            errors[nameof(model.Audience)] = "Choose who the form is for.";
        }

        if (model.Items.Count == 0)
        {
            errors[nameof(model.Items)] = "Add at least one item for people to answer.";
        }
        else if (model.Items.Count > MaxItems)
        {
            errors[nameof(model.Items)] = $"A form can have up to {MaxItems} items; split it into two forms.";
        }

        for (var i = 0; i < model.Items.Count; i++)
        {
            var item = model.Items[i];
            var prefix = $"Items[{i}].";
            Required(errors, prefix + nameof(item.Label), item.Label, LabelMaxLength, $"Enter a short label for item {i + 1}.");
            Required(errors, prefix + nameof(item.Explanation), item.Explanation, TextMaxLength, $"Explain what item {i + 1} means, so people know what they agree to.");
            Optional(errors, prefix + nameof(item.ChildExplanation), item.ChildExplanation, TextMaxLength);
            if (!Enum.IsDefined(item.Kind))
            {
                errors[prefix + nameof(item.Kind)] = $"Choose what item {i + 1} is about.";
            }
        }

        var duplicate = model.Items.Where(i => i.Kind != ConsentItemKind.Other).GroupBy(i => i.Kind).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null && !errors.ContainsKey(nameof(model.Items)))
        {
            errors[nameof(model.Items)] = $"Only one item can be about “{ConsentRules.Describe(duplicate.Key)}”: answers are matched by what an item is about.";
        }

        return errors;
    }

    private static void Required(Dictionary<string, string> errors, string field, string value, int max, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = missing;
        }
        else
        {
            Optional(errors, field, value, max);
        }
    }

    private static void Optional(Dictionary<string, string> errors, string field, string value, int max)
    {
        if ((value ?? "").Trim().Length > max)
        {
            errors[field] = $"This must be {max:N0} characters or fewer.";
        }
    }
}
