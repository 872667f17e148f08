#!/usr/bin/env bash
# Restaure une sauvegarde de bin/backup.sh dans un dossier de données du serveur PostgreSQL embarqué.
#
#   bin/restore.sh <fichier.dump> [dossier-de-données]
#
# Le dossier de données (défaut : MAILLON_DATA_DIR, sinon ./data) doit avoir été préparé par un
# premier démarrage de Maillon, puis Maillon arrêté :
#   1. MAILLON_DATA_DIR=<dossier neuf> MAILLON_DEMO=false java -jar maillon.jar, attendre
#      « Started MaillonApplication », arrêter (Ctrl-C ou systemctl stop maillon) ;
#   2. bin/restore.sh <fichier.dump> <dossier neuf> ;
#   3. redémarrer Maillon sur ce dossier.
# Le script démarre lui-même le serveur embarqué du dossier (ses binaires pg-bin/, sur un port
# libre de 127.0.0.1), vide le schéma public puis y restaure la sauvegarde avec le
# superutilisateur postgres (mot de passe : <dossier>/postgres-secret), en une seule transaction,
# puis arrête le serveur. Le dossier garde ses propres mots de passe : la
# sauvegarde ne contient ni rôles ni mots de passe PostgreSQL.
# Il faut pg_restore, pg_isready et psql (paquet postgresql-client, version 15 ou plus récente).
set -euo pipefail

umask 077

refuse() {
  echo "Restauration impossible : $*" >&2
  exit 1
}

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "Usage : $0 <fichier.dump> [dossier-de-données]" >&2
  exit 2
fi
dump=$1
data_dir=${2:-${MAILLON_DATA_DIR:-./data}}

if [[ -n ${MAILLON_DB_URL:-} && $# -lt 2 ]]; then
  refuse "MAILLON_DB_URL est renseignée : Maillon utilise une base externe. Restaurez-la avec pg_restore (voir docs/petit-serveur.md), ou indiquez le dossier de données en second argument."
fi
command -v pg_restore > /dev/null && command -v psql > /dev/null && command -v pg_isready > /dev/null \
  || refuse "pg_restore, pg_isready ou psql est introuvable. Installez le client PostgreSQL : apt install postgresql-client"
[[ -r $dump ]] || refuse "le fichier $dump est introuvable ou illisible."
pg_restore --list "$dump" > /dev/null 2>&1 \
  || refuse "$dump n'est pas une sauvegarde lisible par pg_restore (format personnalisé de pg_dump -Fc attendu)."

[[ -d $data_dir ]] || refuse "le dossier de données $data_dir n'existe pas."
data_dir=$(cd "$data_dir" && pwd)
pgdata=$data_dir/postgres
not_ready="le dossier $data_dir n'est pas prêt. Démarrez Maillon une fois dessus
(MAILLON_DATA_DIR=$data_dir MAILLON_DEMO=false), attendez « Started MaillonApplication »,
arrêtez-le, puis relancez la restauration."
[[ -f $pgdata/PG_VERSION && -f $data_dir/postgres-secret && -f $data_dir/maillon-secret ]] || refuse "$not_ready"
shopt -s nullglob
pg_ctls=("$data_dir"/pg-bin/*/bin/pg_ctl)
shopt -u nullglob
[[ ${#pg_ctls[@]} -eq 1 ]] || refuse "$not_ready"
pg_ctl=${pg_ctls[0]}

if [[ -r $pgdata/postmaster.pid ]]; then
  running=$(head -n 1 "$pgdata/postmaster.pid")
  if [[ $running =~ ^[0-9]+$ && -d /proc/$running ]]; then
    refuse "un serveur PostgreSQL tourne sur $pgdata (pid $running) : arrêtez d'abord Maillon (systemctl stop maillon)."
  fi
fi

# Le serveur tourne avec l'utilisateur propriétaire du dossier (PostgreSQL refuse root).
owner=$(stat -c %U "$pgdata")
if [[ $(id -un) == "$owner" ]]; then
  as_owner=()
elif [[ $(id -u) -eq 0 ]]; then
  # setpriv remplace le processus (runuser resterait parent et tuerait le serveur à l'arrêt).
  as_owner=(setpriv --reuid="$owner" --regid="$(stat -c %G "$pgdata")" --init-groups --)
else
  refuse "le dossier $pgdata appartient à $owner : lancez la restauration en tant que $owner ou root."
fi

port=
for _ in $(seq 1 50); do
  candidate=$(( 20000 + RANDOM % 40000 ))
  if ! (exec 3<> "/dev/tcp/127.0.0.1/$candidate") 2> /dev/null; then
    port=$candidate
    break
  fi
done
[[ -n $port ]] || refuse "aucun port libre trouvé sur 127.0.0.1."

postgres_bin=$(dirname "$pg_ctl")/postgres
log=$data_dir/restauration-postgresql.log
server=
stop_server() {
  # Arrêt rapide (SIGINT), comme Maillon : les sessions sont fermées, les données écrites.
  if [[ -n $server ]] && kill -0 "$server" 2> /dev/null; then
    kill -INT "$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
  fi
  server=
}

started=$SECONDS
echo "Démarrage du serveur embarqué de $data_dir sur le port $port (journal : $log)…"
# Le binaire postgres est lancé directement, comme le fait Maillon (pg_ctl refuse root, même
# quand le dossier appartient à root). Journal écrit par l'utilisateur du serveur.
"${as_owner[@]}" touch "$log"
"${as_owner[@]}" "$postgres_bin" -D "$pgdata" -p "$port" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories= -c fsync=on -c synchronous_commit=on >> "$log" 2>&1 &
server=$!
trap stop_server EXIT
for _ in $(seq 1 120); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then
    break
  fi
  kill -0 "$server" 2> /dev/null || { server=; refuse "le serveur PostgreSQL ne démarre pas ; voyez $log."; }
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || refuse "le serveur PostgreSQL ne répond pas après 2 minutes ; voyez $log."

export PGHOST=127.0.0.1 PGPORT=$port PGDATABASE=postgres PGUSER=postgres PGCONNECT_TIMEOUT=10
PGPASSWORD=$(< "$data_dir/postgres-secret")
export PGPASSWORD

echo "Restauration de $dump…"
# The folder was prepared by this version of Maillon, whose tables may be more recent than the
# dump's: the schema is emptied first, so that the tables are exactly the dump's and Flyway, at the
# next start, applies the migrations that came after it.
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP SCHEMA public CASCADE" -c "CREATE SCHEMA public AUTHORIZATION maillon" \
  || refuse "le schéma de $data_dir n'a pas pu être vidé (message ci-dessus)."
if ! pg_restore --single-transaction --exit-on-error --dbname=postgres "$dump"; then
  refuse "pg_restore a échoué (message ci-dessus) ; la base de $data_dir est vide : préparez un nouveau dossier et recommencez."
fi

summary=$(psql -X -A -t -F ' ' -c "SELECT (SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1),
  (SELECT count(*) FROM app_user), (SELECT count(*) FROM structure), (SELECT count(*) FROM evaluation)")
read -r version users structures evaluations <<< "$summary"
stop_server
trap - EXIT
echo "Restauration terminée en $((SECONDS - started)) s : schéma en version $version, $users comptes, $structures structures, $evaluations évaluations."
echo "Démarrez Maillon sur $data_dir (systemctl start maillon) : il appliquera les migrations plus récentes que la sauvegarde."
