/** Said wherever a rollback is offered, because users expect their data to roll back with the system. */
export function VarNote() {
  return <p className="note">/var is shared between deployments and is not rolled back.</p>;
}
