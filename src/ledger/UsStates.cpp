#include "UsStates.h"

namespace cii {

const QList<UsState> &usStates()
{
    static const QList<UsState> states = [] {
        const char *const table[][3] = {
            {"AL", "Alabama", "America/Chicago"}, {"AK", "Alaska", "America/Anchorage"}, {"AZ", "Arizona", "America/Phoenix"},
            {"AR", "Arkansas", "America/Chicago"}, {"CA", "California", "America/Los_Angeles"}, {"CO", "Colorado", "America/Denver"},
            {"CT", "Connecticut", "America/New_York"}, {"DE", "Delaware", "America/New_York"},
            {"DC", "District of Columbia", "America/New_York"}, {"FL", "Florida", "America/New_York"},
            {"GA", "Georgia", "America/New_York"}, {"GU", "Guam", "Pacific/Guam"}, {"HI", "Hawaii", "Pacific/Honolulu"},
            {"ID", "Idaho", "America/Boise"}, {"IL", "Illinois", "America/Chicago"}, {"IN", "Indiana", "America/Indiana/Indianapolis"},
            {"IA", "Iowa", "America/Chicago"}, {"KS", "Kansas", "America/Chicago"}, {"KY", "Kentucky", "America/New_York"},
            {"LA", "Louisiana", "America/Chicago"}, {"ME", "Maine", "America/New_York"}, {"MD", "Maryland", "America/New_York"},
            {"MA", "Massachusetts", "America/New_York"}, {"MI", "Michigan", "America/Detroit"}, {"MN", "Minnesota", "America/Chicago"},
            {"MS", "Mississippi", "America/Chicago"}, {"MO", "Missouri", "America/Chicago"}, {"MT", "Montana", "America/Denver"},
            {"NE", "Nebraska", "America/Chicago"}, {"NV", "Nevada", "America/Los_Angeles"}, {"NH", "New Hampshire", "America/New_York"},
            {"NJ", "New Jersey", "America/New_York"}, {"NM", "New Mexico", "America/Denver"}, {"NY", "New York", "America/New_York"},
            {"NC", "North Carolina", "America/New_York"}, {"ND", "North Dakota", "America/Chicago"}, {"OH", "Ohio", "America/New_York"},
            {"OK", "Oklahoma", "America/Chicago"}, {"OR", "Oregon", "America/Los_Angeles"}, {"PA", "Pennsylvania", "America/New_York"},
            {"PR", "Puerto Rico", "America/Puerto_Rico"}, {"RI", "Rhode Island", "America/New_York"},
            {"SC", "South Carolina", "America/New_York"}, {"SD", "South Dakota", "America/Chicago"},
            {"TN", "Tennessee", "America/Chicago"}, {"TX", "Texas", "America/Chicago"}, {"UT", "Utah", "America/Denver"},
            {"VT", "Vermont", "America/New_York"}, {"VI", "US Virgin Islands", "America/St_Thomas"}, {"VA", "Virginia", "America/New_York"},
            {"WA", "Washington", "America/Los_Angeles"}, {"WV", "West Virginia", "America/New_York"},
            {"WI", "Wisconsin", "America/Chicago"}, {"WY", "Wyoming", "America/Denver"},
        };
        QList<UsState> list;
        for (const auto &row : table)
            list.append({QLatin1String(row[0]), QLatin1String(row[1]), QLatin1String(row[2])});
        return list;
    }();
    return states;
}

const UsState *usState(const QString &code)
{
    const QString c = code.trimmed().toUpper();
    for (const UsState &s : usStates())
        if (s.code == c)
            return &s;
    return nullptr;
}

QStringList usTimeZones()
{
    return {QStringLiteral("America/New_York"), QStringLiteral("America/Detroit"), QStringLiteral("America/Indiana/Indianapolis"),
            QStringLiteral("America/Chicago"), QStringLiteral("America/Denver"), QStringLiteral("America/Boise"),
            QStringLiteral("America/Phoenix"), QStringLiteral("America/Los_Angeles"), QStringLiteral("America/Anchorage"),
            QStringLiteral("Pacific/Honolulu"), QStringLiteral("America/Puerto_Rico"), QStringLiteral("America/St_Thomas"),
            QStringLiteral("Pacific/Guam")};
}

} // namespace cii
