import type { ApiFailure } from '../api';

/** An API failure as the user should read it: what failed, and every detail the API gave. */
export function ErrorBox({ error, what }: { error: ApiFailure; what?: string }) {
  return (
    <div class="error-box" role="alert">
      <strong>{what ? `Could not ${what}` : 'Request failed'}</strong>
      {error.status ? ` (${error.status} ${error.code})` : ` (${error.code})`}
      {error.details.length > 0 && (
        <ul>
          {error.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
