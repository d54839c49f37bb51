// A registry login asked for one operation (a check, a push): held by the form's state only,
// never stored. Presentational: the form owns the values.
export function RegistryLoginFields({
  summary,
  note,
  username,
  password,
  onUsername,
  onPassword,
}: {
  summary: string;
  note: string;
  username: string;
  password: string;
  onUsername: (value: string) => void;
  onPassword: (value: string) => void;
}) {
  return (
    <details>
      <summary>{summary}</summary>
      <p className="muted">{note}</p>
      <label className="field">
        Username
        <input
          type="text"
          value={username}
          onChange={(event) => onUsername(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="field">
        Password or token
        <input
          type="password"
          value={password}
          onChange={(event) => onPassword(event.target.value)}
          autoComplete="off"
        />
      </label>
    </details>
  );
}
