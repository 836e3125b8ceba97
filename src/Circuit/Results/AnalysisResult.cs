using System.Text.Json.Nodes;

namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of one entry of <c>analyses:</c> (spec §5), as the analysis computed it. Each analysis type has its own
/// record (<see cref="TransmissionResult"/>, <see cref="HomResult"/>, …) whose properties are the fields of its entry
/// in the results document, named after them (<c>delay_ps</c> → <c>DelayPs</c>) with the same units.
/// </summary>
/// <remarks>
/// A field the inputs do not define is JSON <c>null</c> (spec §5) and a nullable property that is null here. A number
/// that is not nullable here is written as JSON <c>null</c> only when it is not finite (NaN), as every number of the
/// document is. <see cref="ToJsonObject"/> gives the entry of <c>results</c> exactly as the document holds it.
/// </remarks>
public abstract record AnalysisResult
{
    /// <summary>The analysis type as written in netlists and in the entry's <c>type</c> field, e.g. <c>hom</c>.</summary>
    public abstract string Type { get; }

    /// <summary>This result as its entry of the results document's <c>results</c> (see <see cref="ResultWriter"/>).</summary>
    public JsonObject ToJsonObject() => ResultWriter.Write(this);

    /// <summary>That entry as JSON text, written as the document is (<see cref="ResultJson.Write"/>).</summary>
    public string ToJson() => ResultJson.Write(ToJsonObject());
}
