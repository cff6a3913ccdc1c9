namespace Pace.Bench.Raw;

/// <summary>
/// The SQL pace-web sends (EF Core's, as the server log shows it) for the phone lookup of an agent and the listing
/// search with typical filters; parameter names are the baseline's, the statements are the same.
/// </summary>
public static class RawQueries
{
    public const string PhoneLookup = """
        SELECT a.id, a.kind, a.full_name, a.stage, a.stage_changed_at, a.source, a.assigned_agent_id, u.display_name,
            (SELECT p0.number FROM applicant_phones AS p0 WHERE a.id = p0.applicant_id ORDER BY p0.is_primary DESC, p0.number LIMIT 1),
            (SELECT e.address FROM applicant_emails AS e WHERE a.id = e.applicant_id ORDER BY e.is_primary DESC, e.address LIMIT 1),
            a.tags, a.last_activity_at, a.created_at
        FROM applicants AS a
        LEFT JOIN users AS u ON a.assigned_agent_id = u.id
        WHERE a.assigned_agent_id = @agent AND a.merged_into_id IS NULL
          AND EXISTS (SELECT 1 FROM applicant_phones AS p WHERE p.applicant_id = a.id AND p.number = @number)
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT 51
        """;

    public const string LocationSubtree = """
        SELECT l.id FROM locations AS l
        WHERE l.path = (SELECT p.path FROM locations AS p WHERE p.id = @location)
           OR l.path LIKE (SELECT p.path FROM locations AS p WHERE p.id = @location) || '/%'
        """;

    public const string ListingSearch = """
        SELECT l.id, l.reference, l.title_en, l.purpose, l.property_type, l.status, l.price_minor, l.currency, l.rent_frequency, l.bedrooms,
            l.bathrooms, l.size_sqft, l.location_id, l.listing_agent_id, u.display_name,
            (SELECT m.url FROM listing_media AS m WHERE l.id = m.listing_id AND m.kind = 'image' ORDER BY m.sort_order, m.id LIMIT 1),
            l.published_at, l.created_at
        FROM listings AS l
        JOIN users AS u ON l.listing_agent_id = u.id
        WHERE l.status IN ('live', 'under_offer') AND l.purpose = @purpose AND l.property_type = ANY (@types)
          AND l.location_id = ANY (@locations) AND l.bedrooms >= @bedsMin AND l.bedrooms <= @bedsMax AND l.price_minor <= @priceMax
        ORDER BY l.created_at DESC, l.id DESC
        LIMIT @take
        """;

    public const string PageLocations = """
        SELECT l.id, l.name, c.name AS community_name FROM locations AS l
        LEFT JOIN locations AS c ON c.level = 'community' AND (l.path = c.path OR l.path LIKE c.path || '/%')
        WHERE l.id = ANY (@ids)
        """;
}
