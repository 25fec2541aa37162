-- schemagate: dialect=mysql version=10.11.6-MariaDB type.accounts.email=varchar(255)
ALTER TABLE accounts MODIFY email varchar(255) AFTER id, ALGORITHM=INSTANT;
