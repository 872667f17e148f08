#!/usr/bin/env bash
# Sauvegarde la base de Maillon avec pg_dump (format personnalisé, -Fc) pendant que Maillon tourne.
#
#   bin/backup.sh [dossier-des-sauvegardes]
#
# Variables lues (les mêmes que celles de Maillon, par exemple depuis /etc/maillon/maillon.env) :
#   MAILLON_DATA_DIR      dossier de données du serveur PostgreSQL embarqué (défaut : ./data)
#   MAILLON_DB_URL, MAILLON_DB_USER, MAILLON_DB_PASSWORD
#                         base PostgreSQL externe : si MAILLON_DB_URL est renseignée, c'est elle
#                         qui est sauvegardée, et le dossier de données n'est pas lu
#   MAILLON_BACKUP_DIR    dossier des sauvegardes (défaut : /var/backups/maillon), si aucun
#                         dossier n'est donné en argument
#   MAILLON_BACKUP_KEEP   nombre de sauvegardes gardées, les plus récentes (défaut : 14)
#
# Avec le serveur embarqué, Maillon doit être démarré : le port du serveur change à chaque
# démarrage et se lit à la ligne 4 de <données>/postgres/postmaster.pid ; le script se connecte
# en 127.0.0.1 avec le rôle maillon et le mot de passe de <données>/maillon-secret.
# Il faut le pg_dump du paquet postgresql-client, de la version du serveur ou plus récent
# (le serveur embarqué est PostgreSQL 15 : Debian 12 fournit postgresql-client-15).
#
# Le fichier est écrit sous un nom temporaire, relu (pg_restore --list), puis renommé en
# maillon-AAAA-MM-JJ_HHMMSS.dump : une sauvegarde interrompue ne laisse jamais un fichier
# au nom définitif. Les secrets du dossier de données ne sont pas copiés (voir docs/petit-serveur.md).
set -euo pipefail

umask 077

refuse() {
  echo "Sauvegarde impossible : $*" >&2
  exit 1
}

backup_dir=${1:-${MAILLON_BACKUP_DIR:-/var/backups/maillon}}
keep=${MAILLON_BACKUP_KEEP:-14}
[[ $keep =~ ^[1-9][0-9]*$ ]] \
  || refuse "MAILLON_BACKUP_KEEP vaut « $keep » ; indiquez un nombre entier de sauvegardes à garder (1 ou plus)."

command -v pg_dump > /dev/null && command -v pg_restore > /dev/null \
  || refuse "pg_dump est introuvable. Installez le client PostgreSQL : apt install postgresql-client"

client_major=$(pg_dump --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')

# Où est la base, et avec quel rôle : le serveur embarqué ou une base externe.
if [[ -n ${MAILLON_DB_URL:-} ]]; then
  url=$MAILLON_DB_URL
  # jdbc:postgresql://hôte[:port]/base[?paramètres] ; un seul hôte ; IPv6 entre crochets.
  if [[ ! $url =~ ^jdbc:postgresql://(\[[0-9A-Fa-f:.]+\]|[^/:?,]+)(:([0-9]+))?/([^?]+)(\?(.*))?$ ]]; then
    refuse "MAILLON_DB_URL n'est pas de la forme jdbc:postgresql://hôte:port/base ; un seul hôte est pris en charge."
  fi
  host=${BASH_REMATCH[1]}
  host=${host#[}
  host=${host%]}
  port=${BASH_REMATCH[3]:-5432}
  database=${BASH_REMATCH[4]}
  query=${BASH_REMATCH[6]:-}
  user=${MAILLON_DB_USER:-}
  password=${MAILLON_DB_PASSWORD:-}
  sslmode=
  if [[ -n $query ]]; then
    IFS='&' read -r -a parameters <<< "$query"
    for parameter in "${parameters[@]}"; do
      case $parameter in
        user=*) [[ -n $user ]] || user=${parameter#user=} ;;
        password=*) [[ -n $password ]] || password=${parameter#password=} ;;
        sslmode=*) sslmode=${parameter#sslmode=} ;;
        ssl=true) [[ -n $sslmode ]] || sslmode=verify-full ;;   # what pgjdbc means by ssl=true
      esac
    done
  fi
  [[ -n $user ]] || refuse "MAILLON_DB_USER est vide : indiquez le rôle PostgreSQL de Maillon."
  [[ -n $sslmode ]] && export PGSSLMODE=$sslmode
  label="la base externe $database sur $host:$port"
else
  data_dir=${MAILLON_DATA_DIR:-./data}
  [[ -d $data_dir ]] \
    || refuse "le dossier de données $data_dir n'existe pas. Indiquez-le avec MAILLON_DATA_DIR (sur un serveur : /var/lib/maillon)."
  [[ -r $data_dir && -x $data_dir ]] \
    || refuse "le dossier $data_dir n'est pas lisible : lancez la sauvegarde avec l'utilisateur qui fait tourner Maillon (sudo -u maillon …)."
  data_dir=$(cd "$data_dir" && pwd)
  pid_file=$data_dir/postgres/postmaster.pid
  secret_file=$data_dir/maillon-secret
  not_running="Maillon ne tourne pas avec le serveur PostgreSQL embarqué de $data_dir. pg_dump a besoin
du serveur en marche : démarrez Maillon (systemctl start maillon) et relancez la sauvegarde.
Maillon arrêté, vous pouvez aussi copier le dossier de données entier (voir docs/petit-serveur.md)."
  [[ -r $pid_file ]] || refuse "$not_running"
  mapfile -t pid_lines < "$pid_file"
  postmaster=${pid_lines[0]:-}
  port=${pid_lines[3]:-}
  status=${pid_lines[7]:-}
  [[ $postmaster =~ ^[0-9]+$ && $port =~ ^[0-9]+$ ]] \
    || refuse "le fichier $pid_file est incomplet (le serveur démarre peut-être) : réessayez dans une minute."
  [[ -d /proc/$postmaster ]] || refuse "$not_running"
  [[ ${status// /} == ready ]] \
    || refuse "le serveur PostgreSQL embarqué n'est pas prêt (état « ${status// /} ») : il démarre ou s'arrête. Réessayez dans une minute."
  [[ -r $secret_file ]] \
    || refuse "le mot de passe $secret_file est illisible : lancez la sauvegarde avec l'utilisateur qui fait tourner Maillon (sudo -u maillon …)."
  host=127.0.0.1
  database=postgres
  user=maillon
  password=$(< "$secret_file")
  server_major=$(< "$data_dir/postgres/PG_VERSION")
  if (( client_major < server_major )); then
    refuse "pg_dump $client_major est plus ancien que le serveur embarqué (PostgreSQL $server_major). Installez postgresql-client-$server_major ou plus récent."
  fi
  label="le serveur embarqué de $data_dir (port $port)"
fi

export PGHOST=$host PGPORT=$port PGDATABASE=$database PGUSER=$user PGCONNECT_TIMEOUT=10
[[ -n $password ]] && export PGPASSWORD=$password

mkdir -p "$backup_dir"
[[ -w $backup_dir ]] || refuse "impossible d'écrire dans $backup_dir : créez-le pour l'utilisateur qui lance la sauvegarde (mode 0700)."

name=maillon-$(date +%Y-%m-%d_%H%M%S).dump
final=$backup_dir/$name
partial=$backup_dir/.$name.partiel
errors=$backup_dir/.$name.erreurs
trap 'rm -f "$partial" "$errors"' EXIT

started=$SECONDS
# The sessions' rows are left out: their ids are the browsers' cookies (a copy of the dump would
# open them), and a restored Maillon asks everyone to sign in again.
if ! pg_dump --format=custom --exclude-table-data='spring_session*' --file="$partial" 2> "$errors"; then
  cat "$errors" >&2
  refuse "pg_dump a échoué sur $label ; son message est ci-dessus (« server version mismatch » : installez un postgresql-client plus récent que $client_major)."
fi
pg_restore --list "$partial" > /dev/null || refuse "le fichier écrit ne se relit pas (pg_restore --list) : il est supprimé."
sync "$partial"
mv "$partial" "$final"
sync "$backup_dir"
rm -f "$errors"
trap - EXIT

size=$(du -h "$final" | cut -f1)
echo "Sauvegarde écrite : $final ($size, $((SECONDS - started)) s) depuis $label."

# Garder les $keep plus récentes : les noms datés se trient dans l'ordre chronologique.
mapfile -t dumps < <(find "$backup_dir" -maxdepth 1 -type f -name 'maillon-*.dump' -printf '%f\n' | sort)
excess=$(( ${#dumps[@]} - keep ))
for (( i = 0; i < excess; i++ )); do
  rm -f -- "$backup_dir/${dumps[i]}"
  echo "Ancienne sauvegarde supprimée : ${dumps[i]}"
done
