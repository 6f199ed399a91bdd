"""Messages of the shared store on a PostgreSQL server and its ``db`` commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    "server.unreachable": (
        "Cannot reach the database server {server}: {reason}. Check that PostgreSQL runs "
        "there (pg_isready -h {host} -p {port}) and that this computer has network.",
        "无法连接数据库服务器 {server}：{reason}。请确认该服务器上的 PostgreSQL 正在运行"
        "（pg_isready -h {host} -p {port}），并确认本机网络正常。",
    ),
    "server.auth_failed": (
        "The database server {server} refused the login: {reason}. Check the user name and "
        "password (in the store address, $PGPASSWORD or ~/.pgpass).",
        "数据库服务器 {server} 拒绝登录：{reason}。请检查用户名和密码"
        "（存储地址、$PGPASSWORD 或 ~/.pgpass）。",
    ),
    "server.no_database": (
        "The database server has no database {database} ({server}). Create it first "
        "(createdb {database}), then run: deskconsole db init --store {server}",
        "数据库服务器上没有数据库 {database}（{server}）。请先创建（createdb {database}），"
        "再运行：deskconsole db init --store {server}",
    ),
    "server.no_schema": (
        "The database {server} holds no deskconsole tables yet. Set it up with: "
        "deskconsole db init --store {server}",
        "数据库 {server} 中还没有 deskconsole 的数据表。"
        "请先运行：deskconsole db init --store {server}",
    ),
    "server.schema_old": (
        "The database {server} has schema {schema}; this deskconsole needs {supported}. "
        "Bring it up to date with: deskconsole db migrate --store {server}",
        "数据库 {server} 的格式版本为 {schema}，本版本 deskconsole 需要 {supported}。"
        "请运行：deskconsole db migrate --store {server}",
    ),
    "server.too_new": (
        "The database {server} was set up by a newer deskconsole (schema {schema}; this one "
        "knows up to {supported}). Update deskconsole on this computer.",
        "数据库 {server} 由更新版本的 deskconsole 建立（格式 {schema}，本版本最高支持 "
        "{supported}）。请在本机升级 deskconsole。",
    ),
    "server.lost": (
        "The connection to the database server {server} was lost: {reason}. Nothing was "
        "saved; what you typed is kept. Save again once the network is back.",
        "与数据库服务器 {server} 的连接已断开：{reason}。本次未保存，已输入的内容仍保留。"
        "网络恢复后请再次保存。",
    ),
    "server.conflict": (
        "{what} was changed by {who} at {when} while you worked on it. Nothing was "
        "overwritten; it now shows their change: make yours again.",
        "{what} 在您操作期间已由 {who} 于 {when} 修改。未覆盖任何内容；现已显示对方的修改，"
        "请重新操作。",
    ),
    "server.conflict_removed": (
        "{what} was removed by {who} at {when} while you worked on it. Nothing was saved.",
        "{what} 在您操作期间已由 {who} 于 {when} 删除。本次未保存。",
    ),
    "server.no_files": (
        "This store is on the database server {server}: back it up there (pg_dump), "
        "not with deskconsole {command}.",
        "此数据存放在数据库服务器 {server} 上：请在服务器上备份（pg_dump），"
        "而不是使用 deskconsole {command}。",
    ),
    "server.bad_address": (
        "{address} is not a PostgreSQL address: write postgresql://user@host:port/database.",
        "{address} 不是 PostgreSQL 地址：请写成 postgresql://用户@主机:端口/数据库。",
    ),
    "server.db_initialised": (
        "The database {server} is ready (schema {schema}).",
        "数据库 {server} 已就绪（格式版本 {schema}）。",
    ),
    "server.db_migrated": (
        "The database {server} was brought from schema {old} to {schema}.",
        "数据库 {server} 的格式已从 {old} 升级到 {schema}。",
    ),
    "server.db_current": (
        "The database {server} is up to date (schema {schema}).",
        "数据库 {server} 已是最新格式（{schema}）。",
    ),
    "server.db_not_empty": (
        "The database {server} already holds deskconsole tables (schema {schema}); "
        "use deskconsole db migrate to bring them up to date.",
        "数据库 {server} 中已有 deskconsole 数据表（格式 {schema}）；"
        "请用 deskconsole db migrate 升级。",
    ),
    "server.needs_store": (
        "Name the server: --store postgresql://user@host:port/database, or set "
        "$DESKCONSOLE_STORE, or save it with deskconsole settings --store.",
        "请指定服务器：--store postgresql://用户@主机:端口/数据库，或设置 $DESKCONSOLE_STORE，"
        "或用 deskconsole settings --store 保存。",
    ),
    "server.settings_store": (
        "The data folder {data_dir} uses the store {store}.",
        "数据目录 {data_dir} 使用的数据存储：{store}。",
    ),
    "server.settings_local": (
        "The data folder {data_dir} keeps its own store (on this computer).",
        "数据目录 {data_dir} 使用本机上的数据存储。",
    ),
    "serve.needs_token": (
        "Serving on {host} opens the console to other computers: give a secret with "
        "--token (every address must carry it), or serve on 127.0.0.1.",
        "在 {host} 上提供服务会让其他电脑访问控制台：请用 --token 指定密钥（每个地址都须带上），"
        "或只在 127.0.0.1 上提供服务。",
    ),
    "serve.title": ("deskconsole", "流动服务台"),
    "serve.open": (
        "Open {url} in a browser: each tab is a console of its own. Ctrl+C stops serving.",
        "在浏览器中打开 {url}：每个标签页都是独立的控制台。按 Ctrl+C 停止服务。",
    ),
}
