//! Group-level server information (TS 24.482 6.2.3 NOTE 1): the IdMS token endpoint of each
//! MC service group, read during the same walk as the partner systems.

use super::error::ProfileError;
use super::model::RejectedKind;
use super::raw::RawGroup;
use super::reader::Walk;

impl Walk<'_, '_> {
    /// MCVideo `MCVideoGroupInfo` / MCData `MCDataGroupInfo`: `<S>-Group-ID` and
    /// `IdMS-Token-Endpoint`, each an entry with a `uri-entry`.
    pub(super) fn group_info(&mut self) -> Result<RawGroup, ProfileError> {
        let mut group = RawGroup::at(self.next_group_position());
        self.children(|walk, child| {
            if child.ns != walk.ns {
                return walk.cursor.skip();
            }
            match child.local() {
                name if name == walk.names.group_id.as_bytes() => {
                    let id = walk.uri_entry()?;
                    group.set_id(id, walk.names.group_id);
                    Ok(())
                }
                b"IdMS-Token-Endpoint" => {
                    let endpoint = walk.uri_entry()?;
                    group.set_endpoint(endpoint, "IdMS-Token-Endpoint");
                    Ok(())
                }
                _ => walk.cursor.skip(),
            }
        })?;
        Ok(group)
    }

    /// MCPTT `MCPTTGroupInfo`: a list of `entry`; each group's server information is in
    /// `entry/anyExt/GroupServerInfo/IDMS-token-endpoint/entry/uri-entry` (Rel-13 schema).
    pub(super) fn mcptt_group_info(&mut self) -> Result<(), ProfileError> {
        self.children(|walk, entry| {
            if entry.ns != walk.ns || entry.local() != b"entry" {
                return walk.cursor.skip();
            }
            let mut group = RawGroup::at(walk.next_group_position());
            walk.children(|walk, child| match child.local() {
                b"uri-entry" if child.ns == walk.ns => {
                    let (id, _) = walk.cursor.text()?;
                    group.set_id(Some(id), "uri-entry");
                    Ok(())
                }
                b"anyExt" if child.ns == walk.ns => walk.children(|walk, server| match server.local() {
                    b"GroupServerInfo" if server.ns == walk.ns => walk.children(|walk, leaf| match leaf.local() {
                        b"IDMS-token-endpoint" if leaf.ns == walk.ns => {
                            let endpoint = walk.first_list_entry()?;
                            group.set_endpoint(endpoint, "anyExt/GroupServerInfo/IDMS-token-endpoint");
                            Ok(())
                        }
                        _ => walk.cursor.skip(),
                    }),
                    _ => walk.cursor.skip(),
                }),
                _ => walk.cursor.skip(),
            })?;
            walk.push_group(group)
        })
    }

    /// The `uri-entry` of an entry element that just started (EntryType).
    fn uri_entry(&mut self) -> Result<Option<String>, ProfileError> {
        let mut uri = None;
        self.children(|walk, child| {
            if child.ns == walk.ns && child.local() == b"uri-entry" {
                let (text, _) = walk.cursor.text()?;
                uri.get_or_insert(text);
                Ok(())
            } else {
                walk.cursor.skip()
            }
        })?;
        Ok(uri)
    }

    /// The `uri-entry` of the first `entry` of a list element that just started (ListEntryType).
    fn first_list_entry(&mut self) -> Result<Option<String>, ProfileError> {
        let mut first = None;
        self.children(|walk, child| {
            if child.ns == walk.ns && child.local() == b"entry" && first.is_none() {
                first = walk.uri_entry()?;
                Ok(())
            } else {
                walk.cursor.skip()
            }
        })?;
        Ok(first)
    }

    /// The 1-based position of the next group among all the groups of the profile, rejected ones
    /// included (for error paths).
    fn next_group_position(&mut self) -> usize {
        self.group_elements += 1;
        self.group_elements
    }

    /// Keeps a group as read: usable, or rejected with the reason ([`UserProfile::rejected`](super::UserProfile::rejected)).
    pub(super) fn push_group(&mut self, group: RawGroup) -> Result<(), ProfileError> {
        let id = group.id();
        match group.finish(self.names, &self.policy) {
            Ok(group) => self.groups.push(group),
            Err(error) => self.reject(RejectedKind::Group, id, error)?,
        }
        Ok(())
    }
}
