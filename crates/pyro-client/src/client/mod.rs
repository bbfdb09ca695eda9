//! The client: builder, connections per DC, `invoke` with migration and flood waits, errors.
