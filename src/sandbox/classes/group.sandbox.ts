import { parsePairs } from '../sandbox.encoding.js';
import type { SandboxGroup, SandboxState } from '../sandbox.state.js';
import { paginate } from '../sandbox.paging.js';
import type { SandboxClass, SandboxMethod, SandboxParams, SandboxReply } from '../sandbox.types.js';

/*
 * Contact groups. NOT_ACCESS_TO_GROUP, MISSING_MAIN_FIELD and INCORRECT_TYPE are Afilnet's codes. Afilnet
 * documents none for an unknown contact or field, so NOT_ACCESS_TO_CONTACT and INCORRECT_FIELD are the
 * simulator's own names (patterned on Afilnet's), and a compulsory value it cannot read counts as missing.
 */

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const GROUP_TYPES: ReadonlySet<string> = new Set(['mobile', 'email']);

const NO_GROUP = { error: 'NOT_ACCESS_TO_GROUP' } as const;
const NO_CONTACT = { error: 'NOT_ACCESS_TO_CONTACT' } as const;
const BAD_FIELD = { error: 'INCORRECT_FIELD' } as const;
const NO_MAIN_FIELD = { error: 'MISSING_MAIN_FIELD' } as const;
const UNREADABLE = { error: 'MISSING_COMPULSORY_PARAM' } as const;

/** A method on one existing group: answers NOT_ACCESS_TO_GROUP for an id the account does not have. */
function onGroup(
  required: readonly string[],
  handle: (group: SandboxGroup, params: SandboxParams, state: SandboxState) => SandboxReply,
): SandboxMethod {
  return {
    required: ['idgroup', ...required],
    handle(params, state) {
      const group = state.groups.get(params.idgroup);
      return group === undefined ? NO_GROUP : handle(group, params, state);
    },
  };
}

/**
 * The `contact` pairs checked against the group, or the error: the main field first (when `requireMain`,
 * or when it is given empty), then fields the group does not have.
 */
function readContact(
  group: SandboxGroup,
  text: string,
  requireMain: boolean,
): { readonly values: Record<string, string> } | { readonly error: string } {
  const values = parsePairs(text);
  if (values === undefined || Object.keys(values).length === 0) return UNREADABLE;
  const main = values[group.type];
  if (main === '' || (requireMain && main === undefined)) return NO_MAIN_FIELD;
  if (Object.keys(values).some((name) => !group.fields.includes(name))) return BAD_FIELD;
  return { values };
}

/** E-mail addresses are compared as people type them; numbers are digits either way. */
function sameMainValue(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

const creategroup: SandboxMethod = {
  required: ['name', 'type', 'fields'],
  handle({ name, type, fields: list }, state) {
    if (!GROUP_TYPES.has(type)) return { error: 'INCORRECT_TYPE' };
    const fields = list.split(',').map((field) => field.trim());
    if (fields.some((field) => !FIELD_NAME.test(field))) return BAD_FIELD;
    if (!fields.includes(type)) return NO_MAIN_FIELD;
    const id = state.nextId('group');
    state.groups.set(id, {
      id,
      name,
      type: type as SandboxGroup['type'],
      fields: [type, ...new Set(fields.filter((field) => field !== type))],
      contacts: new Map(),
    });
    state.recordEvent('group.created', `group ${id} "${name}" (${type})`);
    return { result: { id } };
  },
};

const getfields = onGroup([], (group) => ({ result: [...group.fields] }));

const addfield = onGroup(['field'], (group, { field }, state) => {
  if (!FIELD_NAME.test(field) || group.fields.includes(field)) return BAD_FIELD;
  group.fields.push(field);
  state.recordEvent('group.field_added', `field ${field} added to group ${group.id}`);
  return { result: {} };
});

const deletefield = onGroup(['field'], (group, { field }, state) => {
  if (field === group.type) return NO_MAIN_FIELD;
  if (!group.fields.includes(field)) return BAD_FIELD;
  group.fields = group.fields.filter((name) => name !== field);
  for (const contact of group.contacts.values()) delete contact[field];
  state.recordEvent('group.field_deleted', `field ${field} deleted from group ${group.id}`);
  return { result: {} };
});

const assigncountry = onGroup(['countrycode'], (group, { countrycode }, state) => {
  if (!/^\d{1,4}$/.test(countrycode)) return UNREADABLE;
  group.countryCode = countrycode;
  state.recordEvent('group.country_assigned', `country code ${countrycode} assigned to group ${group.id}`);
  return { result: {} };
});

const getcontacts = onGroup([], (group, params) => {
  const contacts = [...group.contacts].map(([idcontact, fields]) => ({ idcontact, fields: { ...fields } }));
  return { result: paginate(contacts, params) };
});

const addcontact = onGroup(['contact'], (group, params, state) => {
  const read = readContact(group, params.contact, true);
  if ('error' in read) return read;
  const id = state.nextId('contact');
  group.contacts.set(id, read.values);
  state.recordEvent('contact.added', `contact ${id} added to group ${group.id}`);
  return { result: { id } };
});

const modifycontact = onGroup(['idcontact', 'contact'], (group, params, state) => {
  const contact = group.contacts.get(params.idcontact);
  if (contact === undefined) return NO_CONTACT;
  const read = readContact(group, params.contact, false);
  if ('error' in read) return read;
  group.contacts.set(params.idcontact, { ...contact, ...read.values });
  state.recordEvent('contact.modified', `contact ${params.idcontact} of group ${group.id} modified`);
  return { result: {} };
});

const deletecontact = onGroup(['idcontact'], (group, { idcontact }, state) => {
  if (!group.contacts.delete(idcontact)) return NO_CONTACT;
  state.recordEvent('contact.deleted', `contact ${idcontact} deleted from group ${group.id}`);
  return { result: {} };
});

/** By the main field's value (`mobile:…` or `email:…`): every contact with that value goes. */
const deletecontactfromgroup = onGroup(['contact'], (group, params, state) => {
  const main = parsePairs(params.contact)?.[group.type];
  if (main === undefined || main === '') return NO_MAIN_FIELD;
  const ids = [...group.contacts]
    .filter(([, contact]) => sameMainValue(contact[group.type], main))
    .map(([id]) => id);
  if (ids.length === 0) return NO_CONTACT;
  for (const id of ids) {
    group.contacts.delete(id);
    state.recordEvent('contact.deleted', `contact ${id} deleted from group ${group.id}`);
  }
  return { result: { deleted: ids.length } };
});

export const groupSandbox: SandboxClass = {
  creategroup,
  getfields,
  addfield,
  deletefield,
  assigncountry,
  getcontacts,
  addcontact,
  modifycontact,
  deletecontact,
  deletecontactfromgroup,
};
