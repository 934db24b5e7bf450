/**
 * People of a site and their roles (users API scoped to the site): add a person with a role,
 * change roles (grant/revoke), reset password or second factor, disable/enable — each with a
 * confirmation dialog; a generated password is shown once.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, request } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';

interface Person {
  id: number;
  email: string;
  displayName: string;
  status: 'active' | 'disabled';
  totpEnabled: boolean;
  grants: { siteId: number | null; role: Role; roleLabel: string }[];
  allowedActions: string[];
}

const SITE_ROLES: Role[] = ['contributor', 'focal_point', 'editor', 'chief_editor', 'site_admin'];
type Act = 'reset_password' | 'reset_totp' | 'disable' | 'enable';
const ACT_PATHS: Record<Act, string> = { reset_password: 'reset-password', reset_totp: 'reset-totp', disable: 'disable', enable: 'enable' };
const ACT_KEYS: Record<Act, string> = { reset_password: 'resetPassword', reset_totp: 'resetTotp', disable: 'disable', enable: 'enable' };

/** The people tab. */
export function PeopleTab({ siteId }: { siteId: number }) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Person[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [adding, setAdding] = useState(false);
  const [rolesOf, setRolesOf] = useState<Person | null>(null);
  const [acting, setActing] = useState<{ person: Person; act: Act } | null>(null);

  const load = useCallback(async () => {
    try {
      setPeople((await api.get<{ items: Person[] }>('/users', { siteId })).items);
    } catch (e) {
      setError(e);
    }
  }, [siteId]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act() {
    if (!acting) return;
    const { person, act: what } = acting;
    setActing(null);
    setError(null);
    try {
      const answer = await api.post<{ generatedPassword?: string | null }>(`/users/${person.id}/${ACT_PATHS[what]}`, {});
      setStatus(answer?.generatedPassword ? t('siteAdmin.people.generated', { name: person.displayName, password: answer.generatedPassword }) : t('siteAdmin.people.done', { name: person.displayName }));
      await load();
    } catch (e) {
      setError(e);
    }
  }

  const siteRoles = (p: Person) => p.grants.filter((g) => g.siteId === siteId);
  return (
    <section aria-labelledby="people-heading">
      <div className="section-head">
        <h2 id="people-heading">{t('siteAdmin.people.heading')}</h2>
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('siteAdmin.people.add')}
        </button>
      </div>
      <div role="status" className="status-line">
        {status ? <p className="alert alert-ok">{status}</p> : null}
      </div>
      <ErrorMessage error={error} />
      {people === null ? <p>{t('common.loading')}</p> : null}
      {people && people.length === 0 ? <p>{t('siteAdmin.people.none')}</p> : null}
      {people && people.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('siteAdmin.people.name')}</th>
                <th scope="col">{t('siteAdmin.people.roles')}</th>
                <th scope="col">{t('siteAdmin.people.status')}</th>
                <th scope="col">{t('siteAdmin.people.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.displayName}
                    <br />
                    <span className="muted">{p.email}</span>
                  </th>
                  <td>{siteRoles(p).map((g) => t(`common.roles.${g.role}`)).join(', ') || '—'}</td>
                  <td>
                    {p.status === 'active' ? t('siteAdmin.people.active') : t('siteAdmin.people.disabled')}
                    {p.totpEnabled ? (
                      <>
                        <br />
                        <span className="muted">{t('siteAdmin.people.totp')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <div className="row-actions">
                      {p.allowedActions.includes('manage_roles') ? (
                        <button type="button" onClick={() => setRolesOf(p)} aria-label={`${t('siteAdmin.people.changeRoles')}: ${p.displayName}`}>
                          {t('siteAdmin.people.changeRoles')}
                        </button>
                      ) : null}
                      {(['reset_password', 'reset_totp', 'disable', 'enable'] as Act[])
                        .filter((a) => p.allowedActions.includes(a) && (a !== 'reset_totp' || p.totpEnabled))
                        .map((a) => (
                          <button key={a} type="button" className={a === 'disable' ? 'danger' : undefined} onClick={() => setActing({ person: p, act: a })} aria-label={`${t(`siteAdmin.people.${ACT_KEYS[a]}`)}: ${p.displayName}`}>
                            {t(`siteAdmin.people.${ACT_KEYS[a]}`)}
                          </button>
                        ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <AddPersonDialog
        siteId={siteId}
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={async (message) => {
          setAdding(false);
          await load();
          setStatus(message);
        }}
      />
      <RolesDialog
        siteId={siteId}
        person={rolesOf}
        onClose={() => setRolesOf(null)}
        onSaved={async (name) => {
          setRolesOf(null);
          await load();
          setStatus(t('siteAdmin.people.done', { name }));
        }}
      />
      <Dialog
        open={acting !== null}
        title={acting ? t(`siteAdmin.people.${ACT_KEYS[acting.act]}`) : ''}
        onClose={() => setActing(null)}
        footer={
          <button type="button" className={acting?.act === 'disable' ? 'danger' : 'primary'} onClick={() => void act()}>
            {t('common.confirm')}
          </button>
        }
      >
        <p>{acting ? t(`siteAdmin.people.${ACT_KEYS[acting.act]}Confirm`, { name: acting.person.displayName }) : null}</p>
      </Dialog>
    </section>
  );
}

function AddPersonDialog({ siteId, open, onClose, onAdded }: { siteId: number; open: boolean; onClose(): void; onAdded(message: string): Promise<void> }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setName] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (open) {
      setEmail('');
      setName('');
      setRole('contributor');
      setError(null);
    }
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await api.post<{ user: Person; generatedPassword: string | null }>('/users', { email, displayName, siteId, role });
      const name = answer.user.displayName;
      await onAdded(answer.generatedPassword ? t('siteAdmin.people.generated', { name, password: answer.generatedPassword }) : t('siteAdmin.people.added', { name }));
    } catch (e) {
      setError(e);
    }
  }
  const field = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  return (
    <Dialog
      open={open}
      title={t('siteAdmin.people.addTitle')}
      onClose={onClose}
      footer={
        <button type="submit" form="add-person-form" className="primary">
          {t('siteAdmin.people.add')}
        </button>
      }
    >
      <form id="add-person-form" onSubmit={submit}>
        <TextField label={t('siteAdmin.people.email')} type="email" required value={email} error={field('email')} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t('siteAdmin.people.displayName')} required value={displayName} error={field('displayName')} onChange={(e) => setName(e.target.value)} />
        <SelectField label={t('siteAdmin.people.role')} value={role} error={field('role')} onChange={(e) => setRole(e.target.value as Role)}>
          {SITE_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`common.roles.${r}`)}
            </option>
          ))}
        </SelectField>
      </form>
      {error && !['email', 'displayName', 'role'].some((f) => field(f)) ? <ErrorMessage error={error} /> : null}
    </Dialog>
  );
}

function RolesDialog({ siteId, person, onClose, onSaved }: { siteId: number; person: Person | null; onClose(): void; onSaved(name: string): Promise<void> }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Set<Role>>(new Set());
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    setChosen(new Set(person?.grants.filter((g) => g.siteId === siteId).map((g) => g.role) ?? []));
  }, [person, siteId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!person) return;
    if (chosen.size === 0) {
      setError(new Error(t('siteAdmin.people.noRole')));
      return;
    }
    const current = new Set(person.grants.filter((g) => g.siteId === siteId).map((g) => g.role));
    try {
      for (const role of chosen) if (!current.has(role)) await api.post(`/users/${person.id}/roles`, { siteId, role });
      for (const role of current) if (!chosen.has(role)) await request('DELETE', `/users/${person.id}/roles`, { siteId, role });
      await onSaved(person.displayName);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Dialog
      open={person !== null}
      title={t('siteAdmin.people.changeRolesTitle', { name: person?.displayName ?? '' })}
      onClose={onClose}
      footer={
        <button type="submit" form="roles-form" className="primary">
          {t('common.save')}
        </button>
      }
    >
      <form id="roles-form" onSubmit={submit}>
        <fieldset>
          <legend>{t('siteAdmin.people.rolesLegend')}</legend>
          {SITE_ROLES.map((r) => (
            <label key={r} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(r)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(r);
                  else next.delete(r);
                  setChosen(next);
                }}
              />
              {t(`common.roles.${r}`)}
            </label>
          ))}
        </fieldset>
      </form>
      {error instanceof Error && !(error instanceof ApiError) && error.message === t('siteAdmin.people.noRole') ? (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      ) : (
        <ErrorMessage error={error} />
      )}
    </Dialog>
  );
}
