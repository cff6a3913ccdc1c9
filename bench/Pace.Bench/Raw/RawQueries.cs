namespace Pace.Bench.Raw;

/// <summary>
/// The statements pace-web sends for the phone lookup of an agent and for the listing search with typical filters,
/// copied from the server log (<c>log_min_duration_statement = 0</c>) of a run over <c>pace_bench</c>: the same text,
/// the same parameters. <c>tests/Pace.Bench.Tests</c> checks that they answer the same rows as pace-web; when an
/// endpoint's query changes, take its new text from the log again.
/// </summary>
public static class RawQueries
{
    /// <summary>$1 the agent (visibility), $2 the number in E.164, $3 the page size + 1.</summary>
    public const string PhoneLookup = """
        SELECT a1.id, a1.kind, a1.full_name, a1.stage, a1.stage_changed_at, a1.source, a1.assigned_agent_id, u.display_name, (
            SELECT a2.number
            FROM applicant_phones AS a2
            WHERE a1.id = a2.applicant_id
            ORDER BY a2.is_primary DESC, a2.number
            LIMIT 1), (
            SELECT a3.address
            FROM applicant_emails AS a3
            WHERE a1.id = a3.applicant_id
            ORDER BY a3.is_primary DESC, a3.address
            LIMIT 1), a1.tags, a1.last_activity_at, a1.created_at
        FROM (
            SELECT a.id, a.assigned_agent_id, a.created_at, a.full_name, a.kind, a.last_activity_at, a.source, a.stage, a.stage_changed_at, a.tags
            FROM applicants AS a
            WHERE a.assigned_agent_id = $1 AND a.merged_into_id IS NULL AND EXISTS (
                SELECT 1
                FROM applicant_phones AS a0
                WHERE a0.applicant_id = a.id AND a0.number = $2)
            ORDER BY a.created_at DESC, a.id DESC
            LIMIT $3
        ) AS a1
        LEFT JOIN users AS u ON a1.assigned_agent_id = u.id
        ORDER BY a1.created_at DESC, a1.id DESC
        """;

    /// <summary>$1 the location asked for.</summary>
    public const string LocationPath = """
        SELECT l.path
        FROM locations AS l
        WHERE l.id = $1
        LIMIT 1
        """;

    /// <summary>$1 the path, $2 the path and <c>/%</c>: the location and everything beneath it.</summary>
    public const string LocationSubtree = """
        SELECT l.id
        FROM locations AS l
        WHERE l.path = $1 OR l.path LIKE $2
        """;

    /// <summary>
    /// $1 the agent (visibility), $2 purpose, $3 types, $4 the subtree's locations, $5 and $6 the bedroom range, $7 the
    /// top price, $8 the page size + 1.
    /// </summary>
    public const string ListingSearch = """
        SELECT l0.id, l0.reference, l0.title_en, l0.purpose, l0.property_type, l0.status, l0.price_minor, l0.currency, l0.rent_frequency, l0.bedrooms, l0.bathrooms, l0.size_sqft, l0.location_id, l0.listing_agent_id, u.display_name, (
            SELECT l1.url
            FROM listing_media AS l1
            WHERE l0.id = l1.listing_id AND l1.kind = 'image'
            ORDER BY l1.sort_order, l1.id
            LIMIT 1), l0.published_at, l0.created_at
        FROM (
            SELECT l.id, l.bathrooms, l.bedrooms, l.created_at, l.currency, l.listing_agent_id, l.location_id, l.price_minor, l.property_type, l.published_at, l.purpose, l.reference, l.rent_frequency, l.size_sqft, l.status, l.title_en
            FROM listings AS l
            WHERE (l.status IN ('live', 'under_offer') OR l.listing_agent_id = $1) AND l.status IN ('live', 'under_offer') AND l.purpose = $2 AND l.property_type = ANY ($3) AND l.location_id = ANY ($4) AND l.bedrooms >= $5 AND l.bedrooms <= $6 AND l.price_minor <= $7
            ORDER BY l.created_at DESC, l.id DESC
            LIMIT $8
        ) AS l0
        INNER JOIN users AS u ON l0.listing_agent_id = u.id
        ORDER BY l0.created_at DESC, l0.id DESC
        """;

    /// <summary>$1 the locations of the page: their names and their communities' names.</summary>
    public const string PageLocations = """
        SELECT l.id, l.name, l.path, l.level, CASE
            WHEN l.level = 'community' THEN l.name
            WHEN l0.level = 'community' THEN l0.name
            WHEN l1.level = 'community' THEN l1.name
        END
        FROM locations AS l
        LEFT JOIN locations AS l0 ON l.parent_id = l0.id
        LEFT JOIN locations AS l1 ON l0.parent_id = l1.id
        WHERE l.id = ANY ($1)
        """;
}
